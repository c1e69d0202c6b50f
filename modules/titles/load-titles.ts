import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../kit/index.ts';
import type { Title } from './title.ts';

export interface TitlesStore {
  documents: DynamoDBDocumentClient;
  /** The physical name of the module's `titles` table. */
  titlesTable: string;
}

/** The stored titles with these ids, in any order; unknown ids are left out. */
export async function loadTitles(ids: readonly string[], store: TitlesStore): Promise<Title[]> {
  if (ids.length === 0) return [];
  const items = await batchGetItems(store.documents, store.titlesTable, ids);
  return items as unknown as Title[];
}
