import { setTimeout as sleep } from 'node:timers/promises';
import { RegistryConflictError } from '../registry/index.ts';
import { PublishConflictError } from './errors.ts';

/**
 * Runs one read-compose-write of the registry, again while another writer wins the race
 * (`RegistryConflictError`): each attempt reads the registry afresh, so no write is lost.
 *
 * @throws PublishConflictError when other writers won `maxAttempts` times in a row
 * @example
 * const generation = await withRegistryRetries('images', 5, () => writeOnce());
 */
export async function withRegistryRetries<T>(
  module: string,
  maxAttempts: number | undefined,
  once: () => Promise<T>,
): Promise<T> {
  const attempts = maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await once();
    } catch (error) {
      if (!(error instanceof RegistryConflictError)) throw error;
      if (attempt >= attempts) {
        throw new PublishConflictError(module, attempt, { cause: error });
      }
      // Jitter, so racing writers do not collide again in lockstep.
      await sleep(Math.random() * 20 * attempt);
    }
  }
}
