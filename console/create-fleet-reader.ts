import type { ConsoleEnvironment } from './console-environment.ts';
import { type Fleet, readFleet } from './read-fleet.ts';

/**
 * The fleet, read at most once per `maxAgeMs` however many pages watch it: every open
 * page (and a page just opened) gets the newest reading, no older than that, instead of
 * each making its own dozens of calls to the registry, the aliases and the health sources.
 */
export function createFleetReader(env: ConsoleEnvironment, maxAgeMs: number) {
  let last: { at: number; fleet: Fleet } | undefined;
  let reading: Promise<Fleet> | undefined;
  return (): Promise<Fleet> => {
    if (last && Date.now() - last.at < maxAgeMs) return Promise.resolve(last.fleet);
    reading ??= readFleet(env)
      .then((fleet) => {
        last = { at: Date.now(), fleet };
        return fleet;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
}
