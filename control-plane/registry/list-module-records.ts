import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type ModuleRecord,
  moduleRecordKey,
  type SupergraphGeneration,
} from '../../contracts/registry.ts';
import { readLatestGeneration } from './read-latest-generation.ts';

/** BatchGetItem reads at most 100 keys per call. */
const BATCH_GET_LIMIT = 100;

/**
 * Every published module's record, sorted by name. The newest generation names every
 * module (each serves GraphQL, REST or both, and was written with its record in one
 * transaction), so this reads it and fetches the records by key, rather than scanning
 * a table whose generations pile up with every publish.
 *
 * @example
 * for (const record of await listModuleRecords(clients.documents, DEFAULT_REGISTRY_TABLE)) {
 *   console.log(record.name, record.revision);
 * }
 */
export async function listModuleRecords(
  documents: DynamoDBDocumentClient,
  table: string,
): Promise<ModuleRecord[]> {
  const latest = await readLatestGeneration(documents, table);
  if (!latest) return [];
  const records: ModuleRecord[] = [];
  const names = moduleNames(latest);
  for (let start = 0; start < names.length; start += BATCH_GET_LIMIT) {
    records.push(
      ...(await batchGet(documents, table, names.slice(start, start + BATCH_GET_LIMIT))),
    );
  }
  return records.sort((a, b) => a.name.localeCompare(b.name));
}

/** The modules a generation serves. */
export function moduleNames(generation: SupergraphGeneration): string[] {
  const names = new Set([
    ...generation.subgraphs.map((s) => s.module),
    ...generation.routes.map((r) => r.module),
  ]);
  return [...names].sort();
}

async function batchGet(
  documents: DynamoDBDocumentClient,
  table: string,
  names: string[],
): Promise<ModuleRecord[]> {
  let keys: Record<string, unknown>[] = names.map(moduleRecordKey);
  const records: ModuleRecord[] = [];
  // BatchGetItem may leave keys unprocessed under load; ask again for those.
  while (keys.length > 0) {
    const output = await documents.send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
    );
    records.push(...((output.Responses?.[table] ?? []) as ModuleRecord[]));
    keys = output.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return records;
}
