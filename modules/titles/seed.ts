import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteItems } from '../kit/index.ts';
import type { Title } from './title.ts';

/**
 * The sample titles: Jackie Chan's best known and other real titles first, then
 * made-up ones (ids tt99xxxxx) generated once with a fixed seed and kept as data.
 */
export const TITLES_SEED: readonly Title[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'seed-titles.json'), 'utf8'),
);

/**
 * Loads the sample titles into the module's `titles` table (`turnout dev` calls it).
 *
 * @example await seed({ documents, tables: { titles: 'turnout-titles-titles' } });
 */
export default async function seed({
  documents,
  tables,
}: {
  documents: DynamoDBDocumentClient;
  tables: Record<string, string>;
}): Promise<void> {
  const table = tables.titles;
  if (!table) throw new Error('seed needs the physical name of the "titles" table');
  await batchWriteItems(documents, table, TITLES_SEED);
}
