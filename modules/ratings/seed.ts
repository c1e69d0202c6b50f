import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteItems } from '../kit/index.ts';
import type { RatingAggregate } from './rating.ts';

/**
 * Sample aggregates for every sample title (real titles near their real ratings, the
 * made-up ones generated once with a fixed seed and kept as data). Ballots are not
 * seeded: the seeded votes are anonymous, as an import of history would be.
 */
export const RATINGS_SEED: readonly RatingAggregate[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'seed-ratings.json'), 'utf8'),
);

/**
 * Loads the sample aggregates into the module's `ratings` table (`turnout dev` calls it).
 *
 * @example await seed({ documents, tables: { ratings: 'turnout-ratings-ratings' } });
 */
export default async function seed({
  documents,
  tables,
}: {
  documents: DynamoDBDocumentClient;
  tables: Record<string, string>;
}): Promise<void> {
  const table = tables.ratings;
  if (!table) throw new Error('seed needs the physical name of the "ratings" table');
  await batchWriteItems(documents, table, RATINGS_SEED);
}
