import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { PeopleStore } from './load-people.ts';
import { decodePeopleCursor, encodePeopleCursor } from './people-cursor.ts';
import type { Person } from './person.ts';

/** One page of people, as `PersonConnection` answers it. */
export interface PeoplePage {
  items: Person[];
  /** Pass it as `after` for the next page; null on the last one. */
  nextCursor: string | null;
}

/**
 * A page of people in the table's own order (a Scan), `first` at most. It reads one
 * item beyond the page, so `nextCursor` is null exactly when nothing follows.
 */
export async function listPeople(
  page: { first: number; after?: string | null },
  store: PeopleStore,
): Promise<PeoplePage> {
  const afterId = page.after ? decodePeopleCursor(page.after) : undefined;
  const output = await store.documents.send(
    new ScanCommand({
      TableName: store.peopleTable,
      Limit: page.first + 1,
      ExclusiveStartKey: afterId ? { id: afterId } : undefined,
    }),
  );
  const scanned = (output.Items ?? []) as Person[];
  const items = scanned.slice(0, page.first);
  // why: a Scan also stops short at 1 MB; LastEvaluatedKey then says more may follow
  const more = scanned.length > page.first || output.LastEvaluatedKey !== undefined;
  const last = items.at(-1);
  return { items, nextCursor: more && last ? encodePeopleCursor(last.id) : null };
}
