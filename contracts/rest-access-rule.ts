import type { AccessRequirement } from './access-requirement.ts';

/** The methods an access rule may name. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * What a REST module requires of callers on part of its paths, declared in its manifest
 * (`rest.access`) and carried in the registry's routes, so the gateway refuses a caller
 * before it invokes the module (docs/ARCHITECTURE.md, contract 8).
 *
 * A rule covers its path and every path below it; a `:name` segment stands for any one
 * segment, as in the module's own Hono routes, so `/gatepass/:passId/check` covers
 * `POST /gatepass/gp_1/check`. Among the rules that cover a request's path and method,
 * the one with the most segments wins (a literal segment beats `:name` at the same
 * place, and a rule naming the method beats one for every method); paths no rule
 * covers are open to anonymous callers.
 */
export interface RestAccessRule {
  path: string;
  /** The methods it covers. @default every method */
  methods?: HttpMethod[];
  /** A verified token, whatever its scopes. */
  authenticated?: true;
  /** Any one of the inner lists, each scope in it (implies a verified token). */
  scopes?: string[][];
}

/** The requirement a rule states. */
export function requirementOfRule(rule: RestAccessRule): AccessRequirement {
  return rule.scopes ? { scopes: rule.scopes } : { authenticated: true };
}
