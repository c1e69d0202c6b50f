/**
 * A reading (the fleet, the Regions) made at most once per `maxAgeMs` however many pages
 * watch it: every open page (and a page just opened) gets the newest reading, no older
 * than that, instead of each making its own dozens of calls to the registry, the aliases
 * and the health sources.
 */
export function createSharedReader<T>(read: () => Promise<T>, maxAgeMs: number) {
  let last: { at: number; value: T } | undefined;
  let reading: Promise<T> | undefined;
  return (): Promise<T> => {
    if (last && Date.now() - last.at < maxAgeMs) return Promise.resolve(last.value);
    reading ??= read()
      .then((value) => {
        last = { at: Date.now(), value };
        return value;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
}
