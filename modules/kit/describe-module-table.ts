import type { TableManifest } from './manifest-schema.ts';
import { DEFAULT_RESOURCE_PREFIX, tableName } from './resource-names.ts';

/** One part of a key: the partition (`HASH`) or the sort (`RANGE`) attribute. */
export interface KeyElement {
  attributeName: string;
  keyType: 'HASH' | 'RANGE';
}

/** The partition key, then the sort key when there is one. */
export type KeySchema = [KeyElement] | [KeyElement, KeyElement];

/**
 * A module table's shape, as both the local provisioner and the stacks create it: each
 * maps it to its own API (CreateTable input, Pulumi table args), so the two never differ.
 */
export interface ModuleTableDescription {
  /** The physical name (see resource-names.ts). */
  name: string;
  billingMode: 'PAY_PER_REQUEST';
  /** Every key attribute of the table and its indexes, each once: DynamoDB declares only keys. */
  attributes: { name: string; type: 'S' | 'N' | 'B' }[];
  keySchema: KeySchema;
  /** Global secondary indexes, each projecting every attribute. */
  indexes: { name: string; keySchema: KeySchema; projection: 'ALL' }[];
  /** The attribute that holds an item's expiry time (epoch seconds), if items expire. */
  ttlAttribute?: string;
  /** The stream view the manifest asks for, if any. */
  stream?: TableManifest['stream'];
}

/**
 * Derives the table a manifest declares. Replication is left to the stacks: only
 * they create replicas (and so a stream of both images for them).
 *
 * @example
 * describeModuleTable('ratings', 'votes', manifest.tables.votes);
 * // { name: 'turnout-ratings-votes', keySchema: [{ attributeName: 'pk', keyType: 'HASH' }], ... }
 */
export function describeModuleTable(
  module: string,
  logicalName: string,
  table: TableManifest,
  prefix = DEFAULT_RESOURCE_PREFIX,
): ModuleTableDescription {
  return {
    name: tableName(module, logicalName, prefix),
    billingMode: 'PAY_PER_REQUEST',
    attributes: keyAttributes(table),
    keySchema: keySchema(table),
    indexes: Object.entries(table.indexes).map(([name, index]) => ({
      name,
      keySchema: keySchema(index),
      projection: 'ALL',
    })),
    ttlAttribute: table.ttlAttribute,
    stream: table.stream,
  };
}

type Keyed = Pick<TableManifest, 'partitionKey' | 'sortKey'>;

function keySchema({ partitionKey, sortKey }: Keyed): KeySchema {
  const hash: KeyElement = { attributeName: partitionKey.name, keyType: 'HASH' };
  return sortKey ? [hash, { attributeName: sortKey.name, keyType: 'RANGE' }] : [hash];
}

function keyAttributes(table: TableManifest): ModuleTableDescription['attributes'] {
  const keyed: Keyed[] = [table, ...Object.values(table.indexes)];
  const byName = new Map<string, 'S' | 'N' | 'B'>();
  for (const { partitionKey, sortKey } of keyed) {
    for (const key of [partitionKey, sortKey]) if (key) byName.set(key.name, key.type);
  }
  return [...byName].map(([name, type]) => ({ name, type }));
}
