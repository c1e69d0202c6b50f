import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryUnprocessed } from './retry-unprocessed.ts';

/** BatchGetItem takes at most 100 keys a call. */
const MAX_KEYS = 100;

export interface BatchGetItemsOptions {
  /** The table's partition key attribute. @default 'id' */
  keyName?: string;
}

/**
 * Reads the items whose partition key has one of these values, in as few BatchGetItem
 * calls as DynamoDB allows (100 keys each, side by side, duplicates asked once), asking
 * again for the keys it hands back unprocessed. Missing items are simply absent; the
 * order is DynamoDB's. Throws an `UnprocessedItemsError` when the table keeps throttling.
 *
 * @example
 * const people = await batchGetItems(documents, 'turnout-names-people', ['nm0000329']);
 * const ratings = await batchGetItems(documents, table, titleIds, { keyName: 'titleId' });
 */
export async function batchGetItems(
  documents: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly string[],
  options: BatchGetItemsOptions = {},
): Promise<Record<string, unknown>[]> {
  const keyName = options.keyName ?? 'id';
  const unique = [...new Set(keys)];
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < unique.length; start += MAX_KEYS) {
    chunks.push(unique.slice(start, start + MAX_KEYS).map((key) => ({ [keyName]: key })));
  }
  const pages = await Promise.all(chunks.map((chunk) => getChunk(documents, tableName, chunk)));
  return pages.flat();
}

async function getChunk(
  documents: DynamoDBDocumentClient,
  tableName: string,
  keys: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  await retryUnprocessed(
    keys,
    async (pending) => {
      const output = await documents.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }),
      );
      items.push(...(output.Responses?.[tableName] ?? []));
      return output.UnprocessedKeys?.[tableName]?.Keys ?? [];
    },
    (left) => `DynamoDB left ${left} keys of ${tableName} unprocessed`,
  );
  return items;
}
