import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** BatchWriteItem takes at most 25 items a call. */
const BATCH_SIZE = 25;
const MAX_ATTEMPTS = 8;

/**
 * Puts every item into the table, 25 at a time, writing again what DynamoDB hands back
 * unprocessed. Puts overwrite, so writing the same items twice leaves the same table.
 *
 * @example await writeItems(documents, 'turnout-images-images', IMAGES_SEED);
 */
export async function writeItems(
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: readonly object[],
): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    await writeBatch(documents, tableName, items.slice(start, start + BATCH_SIZE));
  }
}

async function writeBatch(
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: readonly object[],
): Promise<void> {
  let requests = items.map((item) => ({ PutRequest: { Item: item as Record<string, unknown> } }));
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt >= MAX_ATTEMPTS) {
      throw new Error(`DynamoDB left ${requests.length} items unwritten in ${tableName}`);
    }
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const output = await documents.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
    );
    requests = (output.UnprocessedItems?.[tableName] ?? []) as typeof requests;
  }
}
