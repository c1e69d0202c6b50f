import type { AccessRequirement } from '../../contracts/access-requirement.ts';
import { type RestAccessRule, requirementOfRule } from '../../contracts/rest-access-rule.ts';

/** What a route requires of a request with this method and path; undefined when nothing. */
export type AccessRules = (method: string, path: string) => AccessRequirement | undefined;

interface CompiledRule {
  segments: (string | null)[];
  methods: ReadonlySet<string> | undefined;
  requirement: AccessRequirement;
}

/**
 * Compiles a route's access rules (contracts/rest-access-rule.ts) once per generation:
 * the most specific rule covering the method and path wins (`bySpecificity`). Paths are compared segment
 * by segment after percent-decoding, with empty segments dropped, so `/gatepass//x/%63heck`
 * meets the rule for `/gatepass/:passId/check` as the module's router would route it.
 *
 * @example
 * const requirementOf = compileAccessRules(route.access);
 * requirementOf('POST', '/gatepass/gp_1/check'); // { scopes: [['gatepass:check']] }
 */
export function compileAccessRules(rules: readonly RestAccessRule[] | undefined): AccessRules {
  if (!rules || rules.length === 0) return () => undefined;
  const compiled = rules.map(compileRule).sort(bySpecificity);
  return (method, path) => {
    const segments = pathSegments(path);
    for (const rule of compiled) {
      if (rule.methods && !rule.methods.has(method)) continue;
      if (covers(rule.segments, segments)) return rule.requirement;
    }
    return undefined;
  };
}

function compileRule(rule: RestAccessRule): CompiledRule {
  return {
    segments: pathSegments(rule.path).map((s) => (s.startsWith(':') ? null : s)),
    methods: rule.methods?.length ? new Set(rule.methods.map((m) => m.toUpperCase())) : undefined,
    requirement: requirementOfRule(rule),
  };
}

/**
 * More segments first; at equal length, more literal segments first; then a rule that
 * names its methods before one for every method.
 */
function bySpecificity(a: CompiledRule, b: CompiledRule): number {
  return (
    b.segments.length - a.segments.length ||
    literals(b) - literals(a) ||
    Number(b.methods !== undefined) - Number(a.methods !== undefined)
  );
}

function literals(rule: CompiledRule): number {
  return rule.segments.filter((s) => s !== null).length;
}

/** Whether a rule's segments (`null` for a `:name`) cover a path's. */
export function covers(rule: readonly (string | null)[], path: readonly string[]): boolean {
  if (path.length < rule.length) return false;
  for (let i = 0; i < rule.length; i++) {
    const segment = rule[i];
    if (segment !== null && segment !== path[i]) return false;
  }
  return true;
}

/** A path's segments, percent-decoded, empty ones dropped, as the module's router sees them. */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeSegment);
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
