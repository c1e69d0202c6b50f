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
  | { target: CellTarget; refusal?: undefined }
  | { target?: undefined; refusal: string };

export interface CellRouter {
  /** The cell a REST request's key maps to (its override, else its bucket's cell). */
  routeRest(request: GatewayRequest): CellChoice;
  /** The cell a key maps to; `undefined` key: the default cell, if any. */
  routeKey(key: string | undefined, where: string): CellChoice;
}

interface CompiledKeyRule {
  segments: (string | null)[];
  /** For a rule without `:name` segments: its path, compared as text (no split per request). */
  literal: string | undefined;
  rule: RestCellKeyRule;
  /** For a path parameter: its index among the path's segments. */
  index: number;
}

/**
 * Compiles a module's cell map once per generation: a bucket -> cell table, the overrides
 * and the key rules, so a request costs one hash and two lookups. The cells' targets
 * carry each cell's stable version while a deployment splits it (its release in
 * `releases` under the cell's unit name).
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
  const targets = map.cells.map((entry): CellTarget => {
    const release = releases?.[cellUnitName(module, entry.name)];
    return release?.candidate
      ? { cell: entry.name, functionName: entry.functionName, stableVersion: release.stable }
      : { cell: entry.name, functionName: entry.functionName };
  });
  const byName = new Map(targets.map((t) => [t.cell, t]));
  const byBucket = bucketTable(map, byName);
  const overrides = new Map(
    Object.entries(map.overrides).flatMap(([key, cell]) => {
      const target = byName.get(cell);
      return target ? [[key, target] as const] : [];
    }),
  );
  const fallback = map.defaultCell ? byName.get(map.defaultCell) : undefined;
  const rules = (map.key.rest ?? []).map(compileKeyRule).sort(bySpecificity);

  const routeKey = (key: string | undefined, where: string): CellChoice => {
    if (key === undefined || key === '') {
      if (fallback) return { target: fallback };
      return {
        refusal: `This request names no cell key for module "${module}": send it ${where}.`,
      };
    }
    const target = overrides.get(key) ?? byBucket[cellBucketOf(key, map.buckets)];
    return target ? { target } : { refusal: `No cell of module "${module}" serves key "${key}".` };
  };
  return {
    routeKey,
    routeRest(request) {
      // Split only when a rule needs the path's segments: most keys are in a header.
      let split: string[] | undefined;
      const { path } = request;
      const segments = () => {
        split ??= pathSegments(path);
        return split;
      };
      const compiled = rules.find((r) =>
        r.literal !== undefined
          ? path === r.literal || path.startsWith(`${r.literal}/`)
          : covers(r.segments, segments()),
      );
      if (!compiled) {
        if (fallback) return { target: fallback };
        return {
          refusal: `Module "${module}" declares no cell key for ${request.path} and has no default cell.`,
        };
      }
      const key = readKey(compiled, request, segments);
      return routeKey(key, describeSource(compiled.rule));
    },
  };
}

function bucketTable(map: CellMap, byName: Map<string, CellTarget>): (CellTarget | undefined)[] {
  const table = new Array<CellTarget | undefined>(map.buckets).fill(undefined);
  for (const range of map.ranges) {
    const target = byName.get(range.cell);
    for (let bucket = range.from; bucket < range.to && bucket < map.buckets; bucket++)
      table[bucket] = target;
  }
  return table;
}

function compileKeyRule(rule: RestCellKeyRule): CompiledKeyRule {
  const raw = pathSegments(rule.path);
  const segments = raw.map((s) => (s.startsWith(':') ? null : s));
  return {
    segments,
    literal: segments.includes(null) ? undefined : `/${raw.join('/')}`,
    rule,
    index: rule.pathParameter ? raw.indexOf(`:${rule.pathParameter}`) : -1,
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
  segments: () => readonly string[],
): string | undefined {
  const { rule } = compiled;
  if (rule.header) return request.headers[rule.header]?.trim();
  if (rule.query) return new URLSearchParams(request.rawQueryString).get(rule.query) ?? undefined;
  return segments()[compiled.index];
}

function describeSource(rule: RestCellKeyRule): string {
  if (rule.header) return `in the ${rule.header} header`;
  if (rule.query) return `in the query parameter "${rule.query}"`;
  return `in the path, as ${rule.path}`;
}
