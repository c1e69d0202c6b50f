import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteItems } from '../kit/index.ts';
import { NAVIGATE_SEED_ITEMS } from './seed-graph.ts';

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
  await batchWriteItems(documents, tableName, items);
  return { items: items.length };
}
