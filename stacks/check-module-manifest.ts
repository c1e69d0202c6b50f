import {
  deadLetterQueueName,
  functionName,
  type ModuleManifest,
  queueName,
  roleName,
  type TableManifest,
  tableName,
} from '../modules/kit/index.ts';
import { ImpossibleManifestError } from './errors.ts';
import { GATEWAY_UNIT } from './resolve-unit.ts';

/** A module function that consumes a table's stream. */
export interface StreamConsumer {
  /**
   * Records per invoke.
   * @default 100
   */
  batchSize?: number;
  /** @default 'LATEST' */
  startingPosition?: 'LATEST' | 'TRIM_HORIZON';
}

export interface ManifestContext {
  /** Every other module's manifest. */
  otherModules: readonly ModuleManifest[];
  /** The Region this stack deploys to: part of the role's name. */
  region: string;
  /** The first part of every physical name. */
  resourcePrefix: string;
  /** The Region that holds each global table's primary copy. */
  homeRegion: string;
  /** Stream consumers, by the logical name of the table whose stream they read. */
  streamConsumers: Readonly<Record<string, StreamConsumer>>;
}

/**
 * Refuses a manifest that is valid alone but cannot be deployed, with the fix, before
 * any resource is declared: a failed deploy halfway through is worse than no deploy.
 *
 * @example
 * checkModuleManifest(manifest, { otherModules, homeRegion: 'us-east-1', streamConsumers: {} });
 */
export function checkModuleManifest(manifest: ModuleManifest, context: ManifestContext): void {
  const fail = (
    code: ConstructorParameters<typeof ImpossibleManifestError>[0],
    message: string,
  ) => {
    throw new ImpossibleManifestError(code, manifest.name, message);
  };
  if (manifest.name === GATEWAY_UNIT) {
    fail('RESERVED_NAME', `"${GATEWAY_UNIT}" is the gateway's unit; rename the module.`);
  }
  checkNameLengths(manifest, context, fail);
  checkRestPrefixes(manifest, context.otherModules, fail);
  for (const [name, table] of Object.entries(manifest.tables)) {
    checkTable(name, table, context.homeRegion, fail);
  }
  checkQueues(manifest, fail);
  checkStreamConsumers(manifest, context.streamConsumers, fail);
}

type Fail = (
  code: ConstructorParameters<typeof ImpossibleManifestError>[0],
  message: string,
) => never;

/** The longest name AWS takes for each kind of resource. */
const NAME_LIMITS = { function: 64, role: 64, queue: 80, table: 255 } as const;

function checkNameLengths(manifest: ModuleManifest, context: ManifestContext, fail: Fail): void {
  const { name: module } = manifest;
  const prefix = context.resourcePrefix;
  const names: (readonly [keyof typeof NAME_LIMITS, string])[] = [
    ['function', functionName(module, prefix)],
    ['role', roleName(module, context.region, prefix)],
    ...Object.entries(manifest.queues).flatMap(([queue, { fifo }]) => [
      ['queue', queueName(module, queue, fifo, prefix)] as const,
      ['queue', deadLetterQueueName(module, queue, fifo, prefix)] as const,
    ]),
    ...Object.keys(manifest.tables).map(
      (table) => ['table', tableName(module, table, prefix)] as const,
    ),
  ];
  for (const [kind, name] of names) {
    const over = name.length - NAME_LIMITS[kind];
    if (over > 0) {
      fail(
        'NAME_TOO_LONG',
        `its ${kind} would be named "${name}", ${over} character(s) over AWS's ${NAME_LIMITS[kind]}. Shorten the module name, the ${kind === 'queue' || kind === 'table' ? `${kind}'s logical name, the ` : ''}resource prefix "${prefix}" (TURNOUT_RESOURCE_PREFIX) or both.`,
      );
    }
  }
}

function checkRestPrefixes(
  manifest: ModuleManifest,
  otherModules: readonly ModuleManifest[],
  fail: Fail,
): void {
  const prefixes = manifest.rest?.prefixes ?? [];
  const seen = new Set<string>();
  for (const prefix of prefixes) {
    if (seen.has(prefix)) {
      fail('DUPLICATE_REST_PREFIX', `rest.prefixes lists "${prefix}" twice; list it once.`);
    }
    seen.add(prefix);
    const owner = otherModules.find(
      (other) => other.name !== manifest.name && other.rest?.prefixes.includes(prefix),
    );
    if (owner) {
      fail(
        'REST_PREFIX_TAKEN',
        `the REST prefix "${prefix}" belongs to module "${owner.name}" (owner ${owner.owner}). Choose another prefix, or a longer one such as "${prefix}/${manifest.name}", or move the path to "${owner.name}".`,
      );
    }
  }
}

function checkTable(name: string, table: TableManifest, homeRegion: string, fail: Fail): void {
  const types = new Map<string, string>();
  const keys = [
    table.partitionKey,
    table.sortKey,
    ...Object.values(table.indexes).flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  for (const key of keys) {
    if (!key) continue;
    const known = types.get(key.name);
    if (known && known !== key.type) {
      fail(
        'ATTRIBUTE_TYPE_CONFLICT',
        `table "${name}" uses attribute "${key.name}" as type ${known} and as type ${key.type}; DynamoDB gives an attribute one type. Use one type in every key and index.`,
      );
    }
    types.set(key.name, key.type);
  }
  if (table.replicaRegions.length === 0) return;
  if (table.replicaRegions.includes(homeRegion)) {
    fail(
      'REPLICA_IN_HOME_REGION',
      `table "${name}" lists its home Region ${homeRegion} in replicaRegions; list only the other Regions.`,
    );
  }
  if (table.stream && table.stream !== 'NEW_AND_OLD_IMAGES') {
    fail(
      'REPLICA_STREAM_VIEW',
      `table "${name}" has replicas, which need stream "NEW_AND_OLD_IMAGES", but asks for "${table.stream}". Set stream to "NEW_AND_OLD_IMAGES" or leave it out.`,
    );
  }
}

function checkQueues(manifest: ModuleManifest, fail: Fail): void {
  const timeout = manifest.function.timeoutSeconds;
  for (const [name, queue] of Object.entries(manifest.queues)) {
    if (!queue.consumer) continue;
    if (queue.visibilityTimeoutSeconds < timeout) {
      fail(
        'VISIBILITY_TIMEOUT_TOO_SHORT',
        `queue "${name}" hides a message for ${queue.visibilityTimeoutSeconds}s but the function may run ${timeout}s, which Lambda refuses for a consumer. Set visibilityTimeoutSeconds to at least ${timeout} (AWS advises ${timeout * 6}).`,
      );
    }
    if (queue.fifo && queue.consumer.batchSize > 10) {
      fail(
        'FIFO_BATCH_TOO_LARGE',
        `queue "${name}" is FIFO, whose consumers take at most 10 messages a batch, but asks for ${queue.consumer.batchSize}. Set consumer.batchSize to 10 or less.`,
      );
    }
  }
}

function checkStreamConsumers(
  manifest: ModuleManifest,
  consumers: Readonly<Record<string, StreamConsumer>>,
  fail: Fail,
): void {
  const tables = Object.keys(manifest.tables);
  for (const name of Object.keys(consumers)) {
    const table = manifest.tables[name];
    if (!table) {
      const known = tables.length > 0 ? tables.map((t) => `"${t}"`).join(', ') : 'none declared';
      fail(
        'UNKNOWN_TABLE',
        `a stream consumer reads table "${name}", which the manifest does not declare (tables: ${known}). Declare it under \`tables\` or fix the name.`,
      );
    }
    if (!table.stream && table.replicaRegions.length === 0) {
      fail(
        'STREAM_NOT_ENABLED',
        `a stream consumer reads table "${name}", which has no stream. Add \`stream: 'NEW_AND_OLD_IMAGES'\` (or another view) to the table.`,
      );
    }
  }
}
