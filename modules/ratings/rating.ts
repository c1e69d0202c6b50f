/** A title's aggregate as stored: changed only by `ADD`, so concurrent votes never clash. */
export interface RatingAggregate {
  titleId: string;
  votes: number;
  /** The sum of every counting vote's stars. */
  starsTotal: number;
}

/** A rating as the schema answers it. */
export interface Rating {
  /** The average, to one decimal. */
  stars: number;
  votes: number;
}

/**
 * The rating shown for an aggregate; null before the first vote.
 *
 * @example toRating({ titleId: 'tt0089374', votes: 4, starsTotal: 30 }) // { stars: 7.5, votes: 4 }
 */
export function toRating(aggregate: RatingAggregate | undefined): Rating | null {
  if (!aggregate || aggregate.votes <= 0) return null;
  return {
    stars: Math.round((aggregate.starsTotal / aggregate.votes) * 10) / 10,
    votes: aggregate.votes,
  };
}
