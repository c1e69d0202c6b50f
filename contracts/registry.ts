/**
 * The registry's contract (docs/ARCHITECTURE.md, contract 3): what `turnout publish` writes to
 * DynamoDB and what the gateway reads. Changing a shape here is a versioned change:
 * bump REGISTRY_FORMAT and keep the gateway able to read the previous one.
 *
 * Layout, one table (partition key `pk`, sort key `sk`, both strings):
 * - module records:  pk = `module#<name>`, sk = `current`
 * - version records: pk = `module#<name>`, sk = `version#<12-digit zero-padded Lambda version>`
 * - generations:     pk = `supergraph`,    sk = `generation#<12-digit zero-padded number>`
 * The newest generation is the last item of a descending Query on pk = `supergraph`,
 * so the gateway loads it with one read.
 */
import type { CriticalityTier, ModuleManifest } from '../modules/kit/index.ts';
import type { CellMap } from './cell-map.ts';
import type { RestAccessRule } from './rest-access-rule.ts';

export const REGISTRY_FORMAT = 1;
/**
 * Under the default resource prefix; `registryTableName(prefix)` (the kit) names any
 * other. A literal, so the gateway's bundle takes no kit code for it.
 */
export const DEFAULT_REGISTRY_TABLE = 'turnout-registry';
export const SUPERGRAPH_PK = 'supergraph';

export function moduleRecordKey(module: string): { pk: string; sk: string } {
  return { pk: `module#${module}`, sk: 'current' };
}

export function versionRecordKey(module: string, version: string): { pk: string; sk: string } {
  return { pk: `module#${module}`, sk: `version#${version.padStart(12, '0')}` };
}

export function generationKey(generation: number): { pk: string; sk: string } {
  return { pk: SUPERGRAPH_PK, sk: `generation#${String(generation).padStart(12, '0')}` };
}

/** One per module: what the module is and what it last published. */
export interface ModuleRecord {
  pk: string;
  sk: string;
  name: string;
  owner: string;
  tier: CriticalityTier;
  functionName: string;
  alias: string;
  /** The graphlet SDL (with stitching directives) last accepted, if it serves GraphQL. */
  sdl?: string;
  restPrefixes: string[];
  manifest: ModuleManifest;
  /** Increments with every publish of this module; guards concurrent writes. */
  revision: number;
  publishedAt: string;
}

/**
 * What one published Lambda version of a module serves: its release unit. Code, schema
 * and routes go live, shift and roll back together because a generation names versions,
 * and each version's schema and routes are recorded here when it is published.
 */
export interface VersionRecord {
  pk: string;
  sk: string;
  module: string;
  /** The Lambda version number, e.g. `"7"`. */
  version: string;
  /** The graphlet SDL this version serves, if it serves GraphQL. */
  sdl?: string;
  restPrefixes: string[];
  manifest: ModuleManifest;
  recordedAt: string;
}

/**
 * Which versions of a module serve its traffic in a generation. Without a candidate the
 * stable version serves everything through the alias. While a deployment shifts the
 * alias, the generation serves the union of both versions' schemas and routes: an
 * operation that uses something only the candidate serves is invoked on the candidate
 * by its number, one that uses something the candidate drops on the stable version, and
 * anything both serve follows the alias' weights.
 */
export interface ModuleRelease {
  stable: string;
  /** While a deployment runs: the new version and the share of the alias it has. */
  candidate?: { version: string; weight: number };
  /**
   * Schema coordinates only the candidate serves: `Type.field`, `Type.field(arg:)`,
   * `Input.field` and `Enum.VALUE`.
   */
  candidateOnly?: string[];
  /** Schema coordinates only the stable version serves (the candidate drops them). */
  stableOnly?: string[];
}

/** A module's part of a generation: everything the gateway needs to call it. */
export interface SubgraphEntry {
  module: string;
  functionName: string;
  alias: string;
  tier: CriticalityTier;
  sdl: string;
  /** The gateway's per-invoke timeout for this module. */
  timeoutMs: number;
}

export interface RouteEntry {
  /** A path prefix such as `/message`; the longest matching prefix wins. */
  prefix: string;
  module: string;
  functionName: string;
  /**
   * The qualifier the gateway invokes: the alias, or a version number for a prefix
   * only one version of a splitting module serves (see ModuleRelease).
   */
  alias: string;
  timeoutMs: number;
  /**
   * What the module requires of callers under this prefix (its manifest's `rest.access`
   * rules that fall under it); absent when it requires nothing. Added without a format
   * bump: a gateway that does not know it serves the prefix open, as before.
   */
  access?: RestAccessRule[];
}

/** One supergraph generation: the composed artifact plus the routing table. */
export interface SupergraphGeneration {
  pk: string;
  sk: string;
  format: typeof REGISTRY_FORMAT;
  generation: number;
  createdAt: string;
  /** The module whose publish made this generation. */
  publishedBy: string;
  subgraphs: SubgraphEntry[];
  routes: RouteEntry[];
  /** The stitched schema as SDL, for people and tools; the gateway builds from `subgraphs`. */
  supergraphSdl: string;
  /**
   * Per module, the versions that serve it. Absent for a module published without a
   * version (then the alias serves everything, as in generations written before
   * release units).
   */
  releases?: Record<string, ModuleRelease>;
  /**
   * Per cellular module, its cell map (contracts/cell-map.ts). Each cell's versions are
   * in `releases` under the cell's unit name (`gatepass-cell-2`). Added without a format
   * bump: a gateway that does not know it invokes the module's function, as before.
   */
  cells?: Record<string, CellMap>;
}
