import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedTable } from '../kit/index.ts';
import type { Person } from './person.ts';

/**
 * The sample people: Jackie Chan and people who worked with him first, then made-up
 * ones (ids nm99xxxxx) generated once with a fixed seed and kept as data. Their
 * `knownFor` ids are titles of the titles graphlet's sample data.
 */
export const PEOPLE_SEED: readonly Person[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'seed-people.json'), 'utf8'),
);

/** Loads the sample people into the module's `people` table (`turnout dev` calls it). */
export default seedTable('people', PEOPLE_SEED);
