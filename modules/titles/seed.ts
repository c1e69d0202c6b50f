import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedTable } from '../kit/index.ts';
import type { Title } from './title.ts';

/**
 * The sample titles: Jackie Chan's best known and other real titles first, then
 * made-up ones (ids tt99xxxxx) generated once with a fixed seed and kept as data.
 */
export const TITLES_SEED: readonly Title[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'seed-titles.json'), 'utf8'),
);

/** Loads the sample titles into the module's `titles` table (`turnout dev` calls it). */
export default seedTable('titles', TITLES_SEED);
