import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteItems } from '../kit/index.ts';
import type { Person } from './person.ts';

/**
 * The sample people: Jackie Chan and people who worked with him first, then made-up
 * ones (ids nm99xxxxx) generated once with a fixed seed and kept as data. Their
 * `knownFor` ids are titles of the titles graphlet's sample data.
 */
export const PEOPLE_SEED: readonly Person[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'seed-people.json'), 'utf8'),
);

/**
 * Loads the sample people into the module's `people` table (`turnout dev` calls it).
 *
 * @example await seed({ documents, tables: { people: 'turnout-names-people' } });
 */
export default async function seed({
  documents,
  tables,
}: {
  documents: DynamoDBDocumentClient;
  tables: Record<string, string>;
}): Promise<void> {
  const table = tables.people;
  if (!table) throw new Error('seed needs the physical name of the "people" table');
  await batchWriteItems(documents, table, PEOPLE_SEED);
}
