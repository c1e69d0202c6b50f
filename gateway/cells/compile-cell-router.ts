import {
  type CellMap,
  cellBucketOf,
  cellUnitName,
  type RestCellKeyRule,
} from '../../contracts/cell-map.ts';
import type { ModuleRelease } from '../../contracts/registry.ts';
import { covers, pathSegments } from '../auth/compile-access-rules.ts';
import type { GatewayRequest } from '../types.ts';

/** Where one request of a cellular module goes. */
export interface CellTarget {
  cell: string;
  functionName: string;
  /** While a deployment splits this cell's alias: where a failed GET or HEAD may retry. */
  stableVersion?: string;
}

/** The cell of a request, or why there is none. */
export type CellChoice =
  | { readonly target: CellTarget; readonly refusal?: undefined }
  | { readonly target?: undefined; readonly refusal: string };

export interface CellRouter {
  readonly module: string;
  /** GraphQL root fields that carry the key, `Query.depotItem` -> its argument `facility`. */
  readonly graphqlKeys: ReadonlyMap<string, string>;
  /** The cell a REST request's key maps to (its override, else its bucket's cell). */
  routeRest(request: GatewayRequest): CellChoice;
  /**
   * The cell a key maps to; an `undefined` or empty key goes to the default cell, if any,
   * else is refused with `refusal` (said once per rule, not built per request).
   */
  routeKey(key: string | undefined, refusal: string): CellChoice;
}

interface CompiledKeyRule {
  segments: (string | null)[];
  /** For a rule without `:name` segments: its path, compared as text (no split per request). */
  literal: string | undefined;
  /** `literal` with a trailing slash: what a path below it starts with. */
  literalBelow: string | undefined;
  rule: RestCellKeyRule;
  /** For a path parameter: its index among the path's segments. */
  index: number;
  /** What a request under this rule without a key is told. */
  refusal: string;
}

/**
 * Compiles a module's cell map once per generation: a bucket -> cell table, the overrides
 * and the key rules, so a request costs one hash and two lookups, and allocates nothing:
 * every answer is one of the choices made here. The cells' targets carry each cell's
 * stable version while a deployment splits it (its release in `releases` under the
 * cell's unit name).
 *
 * @example
 * const router = compileCellRouter('gatepass', generation.cells.gatepass, generation.releases);
 * router.routeRest(request); // { target: { cell: 'cell-2', functionName: 'turnout-gatepass-cell-2' } }
 */
export function compileCellRouter(
  module: string,
  map: CellMap,
  releases: Record<string, ModuleRelease> | undefined,
): CellRouter {
  const choices = new Map(
    map.cells.map((entry): [string, CellChoice] => {
      const release = releases?.[cellUnitName(module, entry.name)];
      const target: CellTarget = release?.candidate
        ? { cell: entry.name, functionName: entry.functionName, stableVersion: release.stable }
        : { cell: entry.name, functionName: entry.functionName };
      return [entry.name, { target }];
    }),
  );
  const byBucket = bucketTable(map, choices);
  const overrides = new Map(
    Object.entries(map.overrides).flatMap(([key, cell]) => {
      const choice = choices.get(cell);
      return choice ? [[key, choice] as const] : [];
    }),
  );
  const fallback = map.defaultCell ? choices.get(map.defaultCell) : undefined;
  const rules = (map.key.rest ?? [])
    .map((rule) => compileKeyRule(module, rule))
    .sort(bySpecificity);
  const noRuleRefusal = (path: string): CellChoice => ({
    refusal: `Module "${module}" declares no cell key for ${path} and has no default cell.`,
  });

  const routeKey = (key: string | undefined, refusal: string): CellChoice => {
    if (key === undefined || key === '') return fallback ?? { refusal };
    const choice = overrides.get(key) ?? byBucket[cellBucketOf(key, map.buckets)];
    return choice ?? { refusal: `No cell of module "${module}" serves key "${key}".` };
  };
  return {
    module,
    graphqlKeys: new Map((map.key.graphql ?? []).map((rule) => [rule.field, rule.argument])),
    routeKey,
    routeRest(request) {
      const { path } = request;
      // Split only when a rule needs the path's segments: most keys are in a header.
      let split: string[] | undefined;
      for (const compiled of rules) {
        if (compiled.literal !== undefined) {
          if (path !== compiled.literal && !path.startsWith(compiled.literalBelow as string))
            continue;
        } else {
          split ??= pathSegments(path);
          if (!covers(compiled.segments, split)) continue;
        }
        return routeKey(readKey(compiled, request, split), compiled.refusal);
      }
      return fallback ?? noRuleRefusal(path);
    },
  };
}

function bucketTable(map: CellMap, choices: Map<string, CellChoice>): (CellChoice | undefined)[] {
  const table = new Array<CellChoice | undefined>(map.buckets).fill(undefined);
  for (const range of map.ranges) {
    const choice = choices.get(range.cell);
    for (let bucket = range.from; bucket < range.to && bucket < map.buckets; bucket++)
      table[bucket] = choice;
  }
  return table;
}

function compileKeyRule(module: string, rule: RestCellKeyRule): CompiledKeyRule {
  const raw = pathSegments(rule.path);
  const segments = raw.map((s) => (s.startsWith(':') ? null : s));
  const literal = segments.includes(null) ? undefined : `/${raw.join('/')}`;
  return {
    segments,
    literal,
    literalBelow: literal === undefined ? undefined : `${literal}/`,
    rule,
    index: rule.pathParameter ? raw.indexOf(`:${rule.pathParameter}`) : -1,
    refusal: `This request names no cell key for module "${module}": send it ${describeSource(rule)}.`,
  };
}

/** More segments first, then more literal ones, as the access rules are matched. */
function bySpecificity(a: CompiledKeyRule, b: CompiledKeyRule): number {
  const literals = (r: CompiledKeyRule) => r.segments.filter((s) => s !== null).length;
  return b.segments.length - a.segments.length || literals(b) - literals(a);
}

function readKey(
  compiled: CompiledKeyRule,
  request: GatewayRequest,
  split: readonly string[] | undefined,
): string | undefined {
  const { rule } = compiled;
  if (rule.header) return request.headers[rule.header]?.trim();
  if (rule.query) return new URLSearchParams(request.rawQueryString).get(rule.query) ?? undefined;
  return (split ?? pathSegments(request.path))[compiled.index];
}

function describeSource(rule: RestCellKeyRule): string {
  if (rule.header) return `in the ${rule.header} header`;
  if (rule.query) return `in the query parameter "${rule.query}"`;
  return `in the path, as ${rule.path}`;
}
