/**
 * Cells (docs/ARCHITECTURE.md, contract 9): a cellular module runs as several complete,
 * independent copies, each with its own function, `live` alias, tables and queues, and
 * every request goes to one of them by its partition key. The map that says which cell
 * serves a key travels in the registry's generation (`SupergraphGeneration.cells`), so the
 * gateway routes from the last map it loaded when the registry cannot be read.
 *
 * key -> bucket (a stable hash into many buckets) -> cell, unless an override pins the key.
 * Each cell's versions are a release of their own in the generation, under the cell's
 * unit name (`cellUnitName`): `releases['gatepass-cell-2']`.
 */

/** Logical buckets per cellular module: many more than cells, so buckets could move one at a time. */
export const CELL_BUCKETS = 4096;

/** Where a REST request carries its partition key: exactly one of the three. */
export interface RestCellKeyRule {
  /** A path such as `/loads` or `/gatepass/:passId`: the rule covers it and everything below. */
  path: string;
  /** A header name, lowercase. */
  header?: string;
  /** A query-string parameter. */
  query?: string;
  /** A `:name` segment of `path`. */
  pathParameter?: string;
}

/** Where a GraphQL operation carries its partition key: a root field's argument. */
export interface GraphqlCellKeyRule {
  /** `Query.load` or `Mutation.createLoad`. */
  field: string;
  argument: string;
}

export interface CellKeyRules {
  rest?: RestCellKeyRule[];
  graphql?: GraphqlCellKeyRule[];
}

/** A contiguous run of buckets owned by one cell: `from` included, `to` excluded. */
export interface BucketRange {
  from: number;
  to: number;
  cell: string;
}

/** One cell of a module, as the gateway invokes it. */
export interface CellEntry {
  name: string;
  /** `<prefix>-<module>-<cell>`. */
  functionName: string;
}

/** A cellular module's part of a generation. */
export interface CellMap {
  /** In deployment order; the first is the canary cell. */
  cells: CellEntry[];
  buckets: number;
  /** Every bucket in exactly one range. */
  ranges: BucketRange[];
  /** A key pinned to a cell, whatever its bucket: a test key, a quarantined tenant, a heavy key. */
  overrides: Record<string, string>;
  /** Where a request without a key goes; without it such a request is refused (400). */
  defaultCell?: string;
  key: CellKeyRules;
}

/**
 * The name a cell goes by wherever a module's name would: its resources
 * (`turnout-gatepass-cell-2`, `turnout-gatepass-cell-2-passes`), its version records and
 * its release in the generation.
 *
 * @example
 * cellUnitName('gatepass', 'cell-2'); // 'gatepass-cell-2'
 */
export function cellUnitName(module: string, cell: string): string {
  return `${module}-${cell}`;
}

/**
 * The bucket of a key: 32-bit FNV-1a over the key's UTF-16 code units, modulo the bucket
 * count. Written here, not taken from a library, because the gateway, the CLI and the
 * pipeline must agree on it forever and it costs a few nanoseconds per request; it is
 * not a security boundary (an override pins a key that must not share a cell).
 *
 * @example
 * cellBucketOf('DFW7', 4096); // the same number on every machine, every time
 */
export function cellBucketOf(key: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}

/** Buckets split into equal contiguous ranges, one per cell, in the cells' order. */
export function evenBucketRanges(cells: readonly string[], buckets = CELL_BUCKETS): BucketRange[] {
  return cells.map((cell, index) => ({
    from: Math.floor((index * buckets) / cells.length),
    to: Math.floor(((index + 1) * buckets) / cells.length),
    cell,
  }));
}

/** The cell a key's bucket belongs to (no override considered). */
export function cellOfBucket(map: Pick<CellMap, 'ranges'>, bucket: number): string | undefined {
  return map.ranges.find((range) => bucket >= range.from && bucket < range.to)?.cell;
}

/** The cell that serves a key: its override, else its bucket's cell. */
export function cellOfKey(map: CellMap, key: string): string | undefined {
  return map.overrides[key] ?? cellOfBucket(map, cellBucketOf(key, map.buckets));
}

/**
 * The module and cell a unit name belongs to in a generation, or undefined when the unit
 * is no cell (a module of its own).
 */
export function findCellUnit(
  cells: Record<string, CellMap> | undefined,
  unit: string,
): { module: string; cell: string } | undefined {
  for (const [module, map] of Object.entries(cells ?? {})) {
    const cell = map.cells.find((entry) => cellUnitName(module, entry.name) === unit);
    if (cell) return { module, cell: cell.name };
  }
  return undefined;
}
