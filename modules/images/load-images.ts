import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../kit/index.ts';
import type { Pictured, StoredImage } from './image.ts';

export interface ImagesStore {
  documents: DynamoDBDocumentClient;
  /** The physical name of the module's `images` table. */
  imagesTable: string;
}

/**
 * The primary image of each id (one BatchGetItem per 100 ids); an id without one
 * answers `primaryImage: null`.
 */
export async function loadImages(ids: readonly string[], store: ImagesStore): Promise<Pictured[]> {
  if (ids.length === 0) return [];
  const items = (await batchGetItems(
    store.documents,
    store.imagesTable,
    ids,
  )) as unknown as StoredImage[];
  const byId = new Map(items.map(({ id, ...image }) => [id, image]));
  return ids.map((id) => ({ id, primaryImage: byId.get(id) ?? null }));
}
