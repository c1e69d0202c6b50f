import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { printSchema } from 'graphql';
import { findCellUnit } from '../../contracts/cell-map.ts';
import {
  DEFAULT_RESOURCE_PREFIX,
  functionName,
  LIVE_ALIAS,
  type ModuleManifest,
} from '../../modules/kit/index.ts';
import {
  generationKey,
  REGISTRY_FORMAT,
  type RouteEntry,
  readLatestGeneration,
  readModuleRecord,
  readVersionRecord,
  type SubgraphEntry,
  type SupergraphGeneration,
  type VersionRecord,
  writePublication,
} from '../registry/index.ts';
import { accessUnderPrefix } from './access-under-prefix.ts';
import { checkGenerationSize } from './check-generation-size.ts';
import { composeSupergraph } from './compose-supergraph.ts';
import { PublishRejectedError } from './errors.ts';
import { nextCellMaps } from './plan-cell-maps.ts';
import { planCellRelease } from './plan-cell-release.ts';
import { invokeTimeoutMs } from './plan-generation.ts';
import { releaseOf, type ServedByVersion, unionOfVersions } from './union-of-versions.ts';
import { withRegistryRetries } from './with-registry-retries.ts';

export interface ReleaseClock {
  now(): Date;
}

export interface ReleaseModuleOptions {
  module: string;
  /** The version that serves the module (all of it, when there is no candidate). */
  stable: string;
  /** While a deployment shifts the alias: the new version and its weight (0-1). */
  candidate?: { version: string; weight: number };
  clients: { documents: DynamoDBDocumentClient };
  registryTable: string;
  /**
   * The environment's resource prefix: the module's function is `<prefix>-<module>`.
   * @default 'turnout'
   */
  resourcePrefix?: string;
  /** @default the system clock */
  clock?: ReleaseClock;
  /** How often to read and write again when another publish wins the race. @default 5 */
  maxAttempts?: number;
}

/**
 * Writes the generation that makes the registry say which versions serve a module:
 * the stable one's schema and routes alone, or, while a deployment shifts the alias,
 * the union of the stable and the candidate's with the coordinates and prefixes only one
 * of them serves. Every deployment step that moves traffic writes one, so the schema
 * the gateways advertise always matches the versions the alias can reach.
 *
 * @throws PublishRejectedError when a version was never recorded or the union does not compose
 * @example
 * await releaseModule({ module: 'images', stable: '6', candidate: { version: '7', weight: 0.1 }, clients, registryTable });
 */
export async function releaseModule(options: ReleaseModuleOptions): Promise<SupergraphGeneration> {
  return withRegistryRetries(options.module, options.maxAttempts, async () => {
    const generation = await planRelease(options);
    await writePublication(options.clients.documents, options.registryTable, { generation });
    return generation;
  });
}

/**
 * The generation `releaseModule` would write, without writing it: a deployment plans
 * one before it moves any traffic, so a union that does not compose stops it first.
 */
export async function planRelease(
  options: ReleaseModuleOptions,
  recorded: readonly VersionRecord[] = [],
): Promise<SupergraphGeneration> {
  const { module, stable, candidate } = options;
  const { documents } = options.clients;
  const table = options.registryTable;
  const latest = await readLatestGeneration(documents, table);
  if (latest && findCellUnit(latest.cells, module))
    return planCellRelease(options, latest, recorded);
  const find = async (version: string) =>
    recorded.find((r) => r.module === module && r.version === version) ??
    (await readVersionRecord(documents, table, module, version));
  const [stableRecord, candidateRecord] = await Promise.all([
    find(stable),
    candidate ? find(candidate.version) : undefined,
  ]);
  if (candidate && !candidateRecord) throw unrecorded(module, candidate.version);
  const stableServed = stableRecord
    ? servedByRecord(stableRecord)
    : servedNow(module, stable, latest, candidate);
  const manifest =
    candidateRecord?.manifest ??
    stableRecord?.manifest ??
    (await readModuleRecord(documents, table, module))?.manifest;
  if (!manifest) throw unrecorded(module, stable);
  const candidateServed = candidateRecord ? servedByRecord(candidateRecord) : undefined;
  const union = candidateServed ? unionOfVersions(stableServed, candidateServed) : undefined;
  const sdl = union ? union.sdl : stableServed.sdl;
  const fn = functionName(manifest.name, options.resourcePrefix ?? DEFAULT_RESOURCE_PREFIX);
  const subgraphs = nextSubgraphsOf(manifest, fn, sdl, latest);
  const number = (latest?.generation ?? 0) + 1;
  const generation: SupergraphGeneration = {
    ...generationKey(number),
    format: REGISTRY_FORMAT,
    generation: number,
    createdAt: (options.clock ?? { now: () => new Date() }).now().toISOString(),
    publishedBy: module,
    subgraphs,
    routes: nextRoutesOf(manifest, fn, stableServed, candidateServed, latest),
    supergraphSdl: composeOrReject(module, subgraphs),
    releases: { ...latest?.releases, [module]: releaseOf(stable, candidate, union) },
    ...nextCellMaps(manifest, latest, options.resourcePrefix),
  };
  const tooLarge = checkGenerationSize(generation);
  if (tooLarge.length > 0) throw new PublishRejectedError(module, tooLarge);
  return generation;
}

function servedByRecord(record: VersionRecord): ServedByVersion {
  return { version: record.version, sdl: record.sdl, restPrefixes: record.restPrefixes };
}

/**
 * A stable version published before versions were recorded: it serves what the latest
 * generation serves for the module, unless that generation already names a candidate.
 */
function servedNow(
  module: string,
  stable: string,
  latest: SupergraphGeneration | undefined,
  candidate: ReleaseModuleOptions['candidate'],
): ServedByVersion {
  const release = latest?.releases?.[module];
  if (!latest || release?.candidate || (release && release.stable !== stable)) {
    throw unrecorded(module, stable);
  }
  return {
    version: stable,
    sdl: latest.subgraphs.find((s) => s.module === module)?.sdl,
    restPrefixes: latest.routes
      .filter((r) => r.module === module && (candidate === undefined || r.alias === LIVE_ALIAS))
      .map((r) => r.prefix),
  };
}

function nextSubgraphsOf(
  manifest: ModuleManifest,
  fn: string,
  sdl: string | undefined,
  latest: SupergraphGeneration | undefined,
): SubgraphEntry[] {
  const others = (latest?.subgraphs ?? []).filter((s) => s.module !== manifest.name);
  if (!sdl) return others;
  const mine: SubgraphEntry = {
    module: manifest.name,
    functionName: fn,
    alias: LIVE_ALIAS,
    tier: manifest.tier,
    sdl,
    timeoutMs: invokeTimeoutMs(manifest),
  };
  // Code-unit order, as the gateway sorts them (no locale collation at cold start).
  return [...others, mine].sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
}

/** Prefixes both versions serve follow the alias; a prefix only one serves goes to it. */
function nextRoutesOf(
  manifest: ModuleManifest,
  fn: string,
  stable: ServedByVersion,
  candidate: ServedByVersion | undefined,
  latest: SupergraphGeneration | undefined,
): RouteEntry[] {
  const others = (latest?.routes ?? []).filter((r) => r.module !== manifest.name);
  const qualifiers = new Map<string, string>();
  for (const prefix of stable.restPrefixes)
    qualifiers.set(prefix, candidate ? stable.version : LIVE_ALIAS);
  for (const prefix of candidate?.restPrefixes ?? [])
    qualifiers.set(
      prefix,
      qualifiers.has(prefix) ? LIVE_ALIAS : (candidate?.version ?? LIVE_ALIAS),
    );
  const mine = [...qualifiers].map(([prefix, alias]) => ({
    prefix,
    module: manifest.name,
    functionName: fn,
    alias,
    timeoutMs: invokeTimeoutMs(manifest),
    // The rules of the manifest this generation is built from: the candidate's during a
    // split (the modules check their own data too), the stable one's otherwise.
    ...accessUnderPrefix(manifest, prefix),
  }));
  return [...others, ...mine].sort(
    (a, b) => b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix),
  );
}

function composeOrReject(module: string, subgraphs: SubgraphEntry[]): string {
  if (subgraphs.length === 0) return '';
  try {
    return printSchema(composeSupergraph(subgraphs));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PublishRejectedError(module, [
      {
        code: 'COMPOSITION_FAILED',
        message: `The supergraph does not compose with both versions of this module served at once: ${message}`,
        fix: 'Keep the fields both versions serve compatible (same types and stitching directives), or release the change in two steps.',
      },
    ]);
  }
}

function unrecorded(module: string, version: string): PublishRejectedError {
  return new PublishRejectedError(module, [
    {
      code: 'VERSION_NOT_RECORDED',
      message: `Version ${version} of module "${module}" has no recorded schema and routes, so the registry cannot say what it serves.`,
      fix: `Deploy the module with \`turnout deploy ${module}\`: it records each version it publishes (and the live one, if it was never recorded).`,
    },
  ]);
}
