import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { findCellUnit } from '../../contracts/cell-map.ts';
import {
  defineModule,
  type ModuleManifest,
  type ModuleManifestInput,
} from '../../modules/kit/index.ts';
import {
  type ModuleRecord,
  readLatestGeneration,
  readModuleRecord,
  readVersionRecord,
  type SupergraphGeneration,
  type VersionRecord,
  versionRecordKey,
  writePublication,
} from '../registry/index.ts';
import { checkGenerationSize } from './check-generation-size.ts';
import { checkPublication } from './check-publication.ts';
import type { SdlSourceLocation } from './check-sdl.ts';
import { PublishRejectedError } from './errors.ts';
import type { SchemaChange } from './find-breaking-changes.ts';
import { planGeneration } from './plan-generation.ts';
import { recordCellVersion } from './record-cell-version.ts';
import { planRelease, releaseModule } from './release-module.ts';
import { withRegistryRetries } from './with-registry-retries.ts';

export interface Clock {
  now(): Date;
}

export interface PublishModuleOptions {
  /** The module's manifest; validated again here, since it may come from a file. */
  manifest: ModuleManifestInput;
  clients: { documents: DynamoDBDocumentClient };
  registryTable: string;
  /**
   * The environment's resource prefix: the registry names the module's function
   * `<prefix>-<module>`, as its stack named it, so the gateway invokes that one.
   * @default 'turnout'
   */
  resourcePrefix?: string;
  /** Accept breaking changes against the module's previous schema and prefixes. @default false */
  allowBreaking?: boolean;
  /**
   * The Lambda version this schema and these routes belong to. With it, the version is
   * recorded and the new generation names it as the module's stable version (its code,
   * schema and routes live together); without it, the schema is published alone and the
   * alias serves it, as before release units (tests, tools).
   */
  version?: string;
  /** Where the module's SDL is written (`locateSdl`), so SDL errors name that file and line. */
  sdlSource?: SdlSourceLocation;
  /** @default the system clock */
  clock?: Clock;
  /**
   * How often to read, compose and write again when another publish wins the race.
   * @default 5
   */
  maxAttempts?: number;
}

export interface PublishResult {
  generation: SupergraphGeneration;
  moduleRecord: ModuleRecord;
  /** How the module's schema changed since its previous publish. */
  changes: SchemaChange[];
}

export interface RecordedVersion {
  versionRecord: VersionRecord;
  moduleRecord: ModuleRecord;
  /** How the version's schema differs from the one clients are served now. */
  changes: SchemaChange[];
}

const systemClock: Clock = { now: () => new Date() };

/**
 * Publishes a module: checks its schema and routes against the registry's latest
 * generation and its own previous publish, then writes its record and a new
 * generation in one transaction. A concurrent publish never loses a write: the loser
 * reads again, composes again, and retries.
 *
 * @throws ManifestError when the manifest is invalid
 * @throws PublishRejectedError listing every problem and its fix; the registry is unchanged
 * @throws PublishConflictError when other publishes won `maxAttempts` times
 * @example
 * const { generation } = await publishModule({
 *   manifest, clients: { documents }, registryTable: DEFAULT_REGISTRY_TABLE,
 * });
 */
export async function publishModule(options: PublishModuleOptions): Promise<PublishResult> {
  const manifest = defineModule(options.manifest);
  if (options.version === undefined)
    return withRegistryRetries(manifest.name, options.maxAttempts, () =>
      publishOnce({ ...options, manifest }),
    );
  const version = options.version;
  const recorded = await recordModuleVersion({ ...options, manifest, version });
  const generation = await releaseModule({
    module: manifest.name,
    stable: version,
    clients: options.clients,
    registryTable: options.registryTable,
    resourcePrefix: options.resourcePrefix,
    clock: options.clock,
    maxAttempts: options.maxAttempts,
  });
  return { generation, moduleRecord: recorded.moduleRecord, changes: recorded.changes };
}

/**
 * Records what one Lambda version of a module serves, after the same checks as a
 * publish, against what clients are served now (the module's stable version): its SDL,
 * its conflicts with other modules, breaking changes, and whether the supergraph
 * composes with it alone and with both versions served at once. Nothing goes live:
 * `releaseModule` does that when the deployment moves traffic.
 *
 * @throws PublishRejectedError listing every problem and its fix; the registry is unchanged
 * @example
 * const { changes } = await recordModuleVersion({ manifest, version: '7', clients, registryTable });
 */
export async function recordModuleVersion(
  options: PublishModuleOptions & { version: string },
): Promise<RecordedVersion> {
  const manifest = defineModule(options.manifest);
  return withRegistryRetries(manifest.name, options.maxAttempts, () =>
    recordOnce({ ...options, manifest, version: options.version }),
  );
}

async function recordOnce(
  options: PublishModuleOptions & { manifest: ModuleManifest; version: string },
): Promise<RecordedVersion> {
  const { manifest, version, registryTable: table } = options;
  const { documents } = options.clients;
  const [latest, previous] = await Promise.all([
    readLatestGeneration(documents, table),
    readModuleRecord(documents, table, manifest.name),
  ]);
  const cell = findCellUnit(latest?.cells, manifest.name);
  if (cell) {
    const now = (options.clock ?? systemClock).now();
    const recorded = await recordCellVersion({ ...options, module: cell.module, now });
    return { ...recorded, changes: [] };
  }
  const stable = latest?.releases?.[manifest.name]?.stable;
  const served =
    stable === undefined
      ? undefined
      : await readVersionRecord(documents, table, manifest.name, stable);
  // Breaking changes are judged against what clients are served now.
  const baseline =
    served && previous
      ? { ...previous, sdl: served.sdl, restPrefixes: served.restPrefixes }
      : previous;
  const { resourcePrefix } = options;
  const check = await checkPublication({
    manifest,
    latest,
    previous: baseline,
    allowBreaking: options.allowBreaking ?? false,
    resourcePrefix,
    sdlSource: options.sdlSource,
  });
  if (check.problems.length > 0) throw new PublishRejectedError(manifest.name, check.problems);
  const now = (options.clock ?? systemClock).now();
  const { moduleRecord } = planGeneration({
    manifest,
    latest,
    previous,
    now,
    resourcePrefix,
    ...check,
  });
  const versionRecord: VersionRecord = {
    ...versionRecordKey(manifest.name, version),
    module: manifest.name,
    version,
    ...(manifest.graphql ? { sdl: manifest.graphql.sdl } : {}),
    restPrefixes: manifest.rest?.prefixes ?? [],
    manifest,
    recordedAt: now.toISOString(),
  };
  if (stable !== undefined && stable !== version) {
    // Served beside the stable version during the canary: the union must compose too.
    await planRelease(
      {
        module: manifest.name,
        stable,
        candidate: { version, weight: 0 },
        clients: options.clients,
        registryTable: table,
        resourcePrefix,
      },
      [versionRecord],
    );
  }
  await writePublication(documents, table, {
    moduleRecord,
    previousRevision: previous?.revision,
    versionRecord,
  });
  return { versionRecord, moduleRecord, changes: check.changes };
}

async function publishOnce(
  options: PublishModuleOptions & { manifest: ModuleManifest },
): Promise<PublishResult> {
  const { manifest, registryTable: table } = options;
  const { documents } = options.clients;
  const [latest, previous] = await Promise.all([
    readLatestGeneration(documents, table),
    readModuleRecord(documents, table, manifest.name),
  ]);
  const { resourcePrefix } = options;
  const allowBreaking = options.allowBreaking ?? false;
  const check = await checkPublication({
    manifest,
    latest,
    previous,
    allowBreaking,
    resourcePrefix,
    sdlSource: options.sdlSource,
  });
  if (check.problems.length > 0) throw new PublishRejectedError(manifest.name, check.problems);
  const now = (options.clock ?? systemClock).now();
  const planned = planGeneration({ manifest, latest, previous, now, resourcePrefix, ...check });
  const tooLarge = checkGenerationSize(planned.generation);
  if (tooLarge.length > 0) throw new PublishRejectedError(manifest.name, tooLarge);
  await writePublication(documents, table, { ...planned, previousRevision: previous?.revision });
  return { ...planned, changes: check.changes };
}
