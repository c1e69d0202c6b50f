import { type GraphQLSchema, printSchema } from 'graphql';
import {
  DEFAULT_RESOURCE_PREFIX,
  functionName,
  LIVE_ALIAS,
  type ModuleManifest,
} from '../../modules/kit/index.ts';
import {
  generationKey,
  type ModuleRecord,
  moduleRecordKey,
  REGISTRY_FORMAT,
  type RouteEntry,
  type SubgraphEntry,
  type SupergraphGeneration,
} from '../registry/index.ts';
import { accessUnderPrefix } from './access-under-prefix.ts';
import { nextCellMaps } from './plan-cell-maps.ts';

/** The gateway waits at most this long for one invoke, whatever the function's timeout. */
export const MAX_INVOKE_TIMEOUT_MS = 10_000;

/**
 * The gateway's per-invoke timeout for a module: its function timeout, capped so one
 * slow module cannot hold a client's request for minutes.
 */
export function invokeTimeoutMs(manifest: ModuleManifest): number {
  return Math.min(manifest.function.timeoutSeconds * 1000, MAX_INVOKE_TIMEOUT_MS);
}

/**
 * The next generation's subgraphs: the others' as they were, the module's replaced, its
 * function named under the environment's resource prefix (the one its stack used).
 */
export function nextSubgraphs(
  manifest: ModuleManifest,
  latest: SupergraphGeneration | undefined,
  resourcePrefix = DEFAULT_RESOURCE_PREFIX,
): SubgraphEntry[] {
  const others = (latest?.subgraphs ?? []).filter((s) => s.module !== manifest.name);
  if (!manifest.graphql) return others;
  const mine: SubgraphEntry = {
    module: manifest.name,
    functionName: functionName(manifest.name, resourcePrefix),
    alias: LIVE_ALIAS,
    tier: manifest.tier,
    sdl: manifest.graphql.sdl,
    timeoutMs: invokeTimeoutMs(manifest),
  };
  return [...others, mine].sort((a, b) => a.module.localeCompare(b.module));
}

/** The next generation's routes, longest prefix first as the gateway matches them. */
export function nextRoutes(
  manifest: ModuleManifest,
  latest: SupergraphGeneration | undefined,
  resourcePrefix = DEFAULT_RESOURCE_PREFIX,
): RouteEntry[] {
  const others = (latest?.routes ?? []).filter((r) => r.module !== manifest.name);
  const mine = (manifest.rest?.prefixes ?? []).map((prefix) => ({
    prefix,
    module: manifest.name,
    functionName: functionName(manifest.name, resourcePrefix),
    alias: LIVE_ALIAS,
    timeoutMs: invokeTimeoutMs(manifest),
    ...accessUnderPrefix(manifest, prefix),
  }));
  return [...others, ...mine].sort(
    (a, b) => b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix),
  );
}

export interface PlannedPublication {
  moduleRecord: ModuleRecord;
  generation: SupergraphGeneration;
}

export interface PlanInput {
  manifest: ModuleManifest;
  latest: SupergraphGeneration | undefined;
  previous: ModuleRecord | undefined;
  subgraphs: SubgraphEntry[];
  supergraph: GraphQLSchema | undefined;
  now: Date;
  /** @default 'turnout' */
  resourcePrefix?: string;
}

/**
 * The two items one publish writes: the module's record at its next revision and the
 * generation after the latest one.
 */
export function planGeneration(input: PlanInput): PlannedPublication {
  const { manifest, latest, previous, now } = input;
  const number = (latest?.generation ?? 0) + 1;
  const generation: SupergraphGeneration = {
    ...generationKey(number),
    format: REGISTRY_FORMAT,
    generation: number,
    createdAt: now.toISOString(),
    publishedBy: manifest.name,
    subgraphs: input.subgraphs,
    routes: nextRoutes(manifest, latest, input.resourcePrefix),
    supergraphSdl: input.supergraph ? printSchema(input.supergraph) : '',
    ...releasesWithout(manifest.name, latest),
    ...nextCellMaps(manifest, latest, input.resourcePrefix),
  };
  const moduleRecord = moduleRecordOf(manifest, previous, now, input.resourcePrefix);
  return { generation, moduleRecord };
}

/** A schema published without a version: the alias serves it, so no release names the module. */
function releasesWithout(
  module: string,
  latest: SupergraphGeneration | undefined,
): Pick<SupergraphGeneration, 'releases'> {
  if (!latest?.releases) return {};
  const { [module]: _dropped, ...others } = latest.releases;
  return { releases: others };
}

function moduleRecordOf(
  manifest: ModuleManifest,
  previous: ModuleRecord | undefined,
  now: Date,
  resourcePrefix = DEFAULT_RESOURCE_PREFIX,
): ModuleRecord {
  return {
    ...moduleRecordKey(manifest.name),
    name: manifest.name,
    owner: manifest.owner,
    tier: manifest.tier,
    functionName: functionName(manifest.name, resourcePrefix),
    alias: LIVE_ALIAS,
    ...(manifest.graphql ? { sdl: manifest.graphql.sdl } : {}),
    restPrefixes: manifest.rest?.prefixes ?? [],
    manifest,
    revision: (previous?.revision ?? 0) + 1,
    publishedAt: now.toISOString(),
  };
}
