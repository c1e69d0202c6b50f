import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** BatchGetItem takes at most 100 keys a call. */
const MAX_KEYS = 100;
const MAX_ATTEMPTS = 8;

/**
 * Reads the items with these `id`s, in as few BatchGetItem calls as DynamoDB allows
 * (duplicates asked once), retrying the keys it hands back unprocessed. Missing items
 * are simply absent; the order is DynamoDB's.
 *
 * @example const items = await batchGetItems(documents, 'turnout-images-images', ['tt0089374']);
 */
export async function batchGetItems(
  documents: DynamoDBDocumentClient,
  tableName: string,
  ids: readonly string[],
): Promise<Record<string, unknown>[]> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += MAX_KEYS) {
    chunks.push(unique.slice(start, start + MAX_KEYS));
  }
  const pages = await Promise.all(chunks.map((chunk) => getChunk(documents, tableName, chunk)));
  return pages.flat();
}

async function getChunk(
  documents: DynamoDBDocumentClient,
  tableName: string,
  ids: string[],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let keys: Record<string, unknown>[] = ids.map((id) => ({ id }));
  for (let attempt = 0; keys.length > 0; attempt++) {
    if (attempt >= MAX_ATTEMPTS) {
      throw new Error(`DynamoDB left ${keys.length} keys of ${tableName} unprocessed`);
    }
    // why: unprocessed keys mean the table is throttling; back off before asking again
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const output = await documents.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
    );
    items.push(...(output.Responses?.[tableName] ?? []));
    keys = output.UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  return items;
}
