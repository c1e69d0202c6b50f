import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../kit/index.ts';
import type { Person } from './person.ts';

export interface PeopleStore {
  documents: DynamoDBDocumentClient;
  /** The physical name of the module's `people` table. */
  peopleTable: string;
}

/** The stored people with these ids, in any order; unknown ids are left out. */
export async function loadPeople(ids: readonly string[], store: PeopleStore): Promise<Person[]> {
  if (ids.length === 0) return [];
  const items = await batchGetItems(store.documents, store.peopleTable, ids);
  return items as unknown as Person[];
}
