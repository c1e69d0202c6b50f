import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  defineModule,
  type ModuleManifest,
  type ModuleManifestInput,
} from '../../modules/kit/index.ts';
import {
  type ModuleRecord,
  RegistryConflictError,
  readLatestGeneration,
  readModuleRecord,
  type SupergraphGeneration,
  writePublication,
} from '../registry/index.ts';
import { checkGenerationSize } from './check-generation-size.ts';
import { checkPublication } from './check-publication.ts';
import { PublishConflictError, PublishRejectedError } from './errors.ts';
import type { SchemaChange } from './find-breaking-changes.ts';
import { planGeneration } from './plan-generation.ts';

export interface Clock {
  now(): Date;
}

export interface PublishModuleOptions {
  /** The module's manifest; validated again here, since it may come from a file. */
  manifest: ModuleManifestInput;
  clients: { documents: DynamoDBDocumentClient };
  registryTable: string;
  /** Accept breaking changes against the module's previous schema and prefixes. @default false */
  allowBreaking?: boolean;
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
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await publishOnce({ ...options, manifest });
    } catch (error) {
      if (!(error instanceof RegistryConflictError)) throw error;
      if (attempt >= maxAttempts) {
        throw new PublishConflictError(manifest.name, attempt, { cause: error });
      }
      // Jitter, so racing publishers do not collide again in lockstep.
      await sleep(Math.random() * 20 * attempt);
    }
  }
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
  const allowBreaking = options.allowBreaking ?? false;
  const check = await checkPublication({ manifest, latest, previous, allowBreaking });
  if (check.problems.length > 0) throw new PublishRejectedError(manifest.name, check.problems);
  const now = (options.clock ?? systemClock).now();
  const planned = planGeneration({ manifest, latest, previous, now, ...check });
  const tooLarge = checkGenerationSize(planned.generation);
  if (tooLarge.length > 0) throw new PublishRejectedError(manifest.name, tooLarge);
  await writePublication(documents, table, { ...planned, previousRevision: previous?.revision });
  return { ...planned, changes: check.changes };
}
