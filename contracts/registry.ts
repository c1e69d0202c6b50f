/**
 * The registry's contract (docs/ARCHITECTURE.md, contract 3): what `turnout publish` writes to
 * DynamoDB and what the gateway reads. Changing a shape here is a versioned change:
 * bump REGISTRY_FORMAT and keep the gateway able to read the previous one.
 *
 * Layout, one table (partition key `pk`, sort key `sk`, both strings):
 * - module records:  pk = `module#<name>`, sk = `current`
 * - generations:     pk = `supergraph`,    sk = `generation#<12-digit zero-padded number>`
 * The newest generation is the last item of a descending Query on pk = `supergraph`,
 * so the gateway loads it with one read.
 */
import type { CriticalityTier, ModuleManifest } from '../modules/kit/index.ts';

export const REGISTRY_FORMAT = 1;
export const DEFAULT_REGISTRY_TABLE = 'turnout-registry';
export const SUPERGRAPH_PK = 'supergraph';

export function moduleRecordKey(module: string): { pk: string; sk: string } {
  return { pk: `module#${module}`, sk: 'current' };
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
  alias: string;
  timeoutMs: number;
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
}
