import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryUnprocessed } from './retry-unprocessed.ts';

/** BatchWriteItem takes at most 25 items a call. */
const MAX_ITEMS = 25;

type PutRequest = { PutRequest: { Item: Record<string, unknown> } };

/**
 * Puts every item into the table, 25 at a time, writing again what DynamoDB hands back
 * unprocessed. Puts overwrite, so writing the same items twice leaves the same table
 * (what a seed needs). Throws an `UnprocessedItemsError` when the table keeps throttling.
 *
 * @example await batchWriteItems(documents, 'turnout-names-people', PEOPLE_SEED);
 */
export async function batchWriteItems(
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: readonly object[],
): Promise<void> {
  for (let start = 0; start < items.length; start += MAX_ITEMS) {
    const requests = items
      .slice(start, start + MAX_ITEMS)
      .map((item): PutRequest => ({ PutRequest: { Item: item as Record<string, unknown> } }));
    await retryUnprocessed(
      requests,
      async (pending) => {
        const output = await documents.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
        );
        return (output.UnprocessedItems?.[tableName] ?? []) as PutRequest[];
      },
      (left) => `DynamoDB left ${left} items unwritten in ${tableName}`,
    );
  }
}
