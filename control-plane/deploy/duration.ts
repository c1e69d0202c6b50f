/** Durations as people write them in options: `'5 minutes'`, `'30 seconds'`, `'500 ms'`. */
export type Duration =
  `${number} ${'ms' | 'millisecond' | 'milliseconds' | 'second' | 'seconds' | 'minute' | 'minutes'}`;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  second: 1_000,
  seconds: 1_000,
  minute: 60_000,
  minutes: 60_000,
};

/** Milliseconds of a Duration; throws a message naming the accepted forms. */
export function toMilliseconds(duration: Duration | number): number {
  if (typeof duration === 'number') return duration;
  const match = /^(\d+(?:\.\d+)?) ([a-z]+)$/.exec(duration);
  const unit = match ? UNIT_MS[match[2] as string] : undefined;
  if (!match || unit === undefined) {
    throw new Error(
      `"${duration}" is not a duration: write e.g. "500 ms", "30 seconds" or "5 minutes".`,
    );
  }
  return Number(match[1]) * unit;
}
