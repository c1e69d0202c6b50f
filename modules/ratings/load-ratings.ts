import { batchGetItems } from '../kit/index.ts';
import { type Rating, type RatingAggregate, toRating } from './rating.ts';
import type { RatingsStore } from './ratings-store.ts';

/** A title as this graphlet knows it: its id and rating. */
export interface RatedTitle {
  id: string;
  rating: Rating | null;
}

/**
 * The rating of each title, one BatchGetItem per 100 titles; a title without votes
 * answers `rating: null`.
 */
export async function loadRatings(
  titleIds: readonly string[],
  store: Pick<RatingsStore, 'documents' | 'ratingsTable'>,
): Promise<RatedTitle[]> {
  if (titleIds.length === 0) return [];
  const items = await batchGetItems(store.documents, store.ratingsTable, titleIds, {
    keyName: 'titleId',
  });
  const byId = new Map(
    items.map((item) => [item.titleId as string, item as unknown as RatingAggregate]),
  );
  return titleIds.map((id) => ({ id, rating: toRating(byId.get(id)) }));
}
