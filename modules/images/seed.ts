import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteItems } from '../kit/index.ts';
import type { StoredImage } from './image.ts';

/** A poster for every sample title and a headshot for every sample person. */
export const IMAGES_SEED: readonly StoredImage[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'seed-images.json'), 'utf8'),
);

/**
 * Loads the sample images into the module's `images` table (`turnout dev` calls it).
 *
 * @example await seed({ documents, tables: { images: 'turnout-images-images' } });
 */
export default async function seed({
  documents,
  tables,
}: {
  documents: DynamoDBDocumentClient;
  tables: Record<string, string>;
}): Promise<void> {
  const table = tables.images;
  if (!table) throw new Error('seed needs the physical name of the "images" table');
  await batchWriteItems(documents, table, IMAGES_SEED);
}
