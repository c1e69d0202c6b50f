import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedTable } from '../kit/index.ts';
import type { StoredImage } from './image.ts';

/** A poster for every sample title and a headshot for every sample person. */
export const IMAGES_SEED: readonly StoredImage[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'seed-images.json'), 'utf8'),
);

/** Loads the sample images into the module's `images` table (`turnout dev` calls it). */
export default seedTable('images', IMAGES_SEED);
