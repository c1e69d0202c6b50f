import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedTable } from '../kit/index.ts';
import type { RatingAggregate } from './rating.ts';

/**
 * Sample aggregates for every sample title (real titles near their real ratings, the
 * made-up ones generated once with a fixed seed and kept as data). Ballots are not
 * seeded: the seeded votes are anonymous, as an import of history would be.
 */
export const RATINGS_SEED: readonly RatingAggregate[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'seed-ratings.json'), 'utf8'),
);

/** Loads the sample aggregates into the module's `ratings` table (`turnout dev` calls it). */
export default seedTable('ratings', RATINGS_SEED);
