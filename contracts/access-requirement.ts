import type { Identity } from './identity.ts';

/**
 * What a field (a GraphQL module's `@authenticated` / `@requiresScopes`) or a REST route
 * (a manifest's `rest.access`) requires of the caller. `scopes` has the shape of the
 * federation directive: any one of the inner lists, with every scope in it, e.g.
 * `[['gatepass:write'], ['dispatch']]` is "gatepass:write or dispatch".
 */
export type AccessRequirement = { authenticated: true } | { scopes: string[][] };

/** Whether a caller meets a requirement, and if not, whether it must sign in or is refused. */
export type AccessVerdict = 'allowed' | 'unauthenticated' | 'forbidden';

/**
 * Judges a caller (undefined: anonymous) against what is required of it: anonymous
 * callers are `unauthenticated` by anything; a verified one is `forbidden` when it holds
 * none of the scope sets.
 *
 * @example
 * judgeAccess(identity, { scopes: [['messages:read'], ['dispatch']] }) // 'allowed' | 'forbidden'
 */
export function judgeAccess(
  identity: Identity | undefined,
  requirement: AccessRequirement,
): AccessVerdict {
  if (!identity) return 'unauthenticated';
  if (!('scopes' in requirement)) return 'allowed';
  const held = identity.scopes;
  const allowed = requirement.scopes.some((set) => set.every((scope) => held.includes(scope)));
  return allowed ? 'allowed' : 'forbidden';
}

/**
 * The requirement in words, for error messages: `a signed-in caller` or
 * `the scope gatepass:write or the scope dispatch`.
 */
export function describeRequirement(requirement: AccessRequirement): string {
  if (!('scopes' in requirement)) return 'a signed-in caller';
  return requirement.scopes
    .map((set) => (set.length === 1 ? `the scope ${set[0]}` : `the scopes ${set.join(' and ')}`))
    .join(' or ');
}

/** Two requirements are the same when they ask for the same scope sets, in any order. */
export function sameRequirement(
  a: AccessRequirement | undefined,
  b: AccessRequirement | undefined,
): boolean {
  return requirementKey(a) === requirementKey(b);
}

function requirementKey(requirement: AccessRequirement | undefined): string {
  if (!requirement) return 'public';
  if (!('scopes' in requirement)) return 'authenticated';
  return JSON.stringify(requirement.scopes.map((set) => [...set].sort()).sort());
}
