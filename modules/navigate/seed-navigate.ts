import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NAVIGATE_SEED_ITEMS } from './seed-graph.ts';

/** BatchWriteItem takes at most 25 items a call. */
const BATCH_SIZE = 25;

/**
 * Writes the seed facility graph into the navigate module's table. Puts overwrite, so
 * seeding twice leaves the same graph; facilities added by other means are kept.
 *
 * @example await seedNavigate(documents, 'turnout-navigate-graph');
 */
export async function seedNavigate(
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: readonly object[] = NAVIGATE_SEED_ITEMS,
): Promise<{ items: number }> {
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    const batch = items.slice(start, start + BATCH_SIZE);
    await writeBatch(documents, tableName, batch);
  }
  return { items: items.length };
}

async function writeBatch(
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: readonly object[],
): Promise<void> {
  let requests = items.map((item) => ({ PutRequest: { Item: item as Record<string, unknown> } }));
  // DynamoDB may hand back part of a batch under load; write what it returns again.
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    const output = await documents.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
    );
    requests = (output.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    if (attempt >= 8 && requests.length > 0) {
      throw new Error(`DynamoDB left ${requests.length} seed items unwritten in ${tableName}`);
    }
  }
}
