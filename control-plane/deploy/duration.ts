/**
 * Durations as people write them in options: `'5 minutes'`, `'30 seconds'`, `'500 ms'`,
 * and the short forms `'10s'`, `'5m'`, `'1h'`, `'2m30s'`.
 */
export type Duration =
  | `${number} ${'ms' | 'millisecond' | 'milliseconds' | 'second' | 'seconds' | 'minute' | 'minutes' | 'hour' | 'hours'}`
  | `${number}${'ms' | 's' | 'm' | 'h'}`;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1_000,
  second: 1_000,
  seconds: 1_000,
  m: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
};

/** A string that is not a duration; the message shows how to write one. */
export class InvalidDurationError extends Error {
  override readonly name = 'InvalidDurationError';
  readonly code = 'INVALID_DURATION';

  constructor(readonly text: string) {
    super(
      /^\d+(\.\d+)?$/.test(text.trim())
        ? `${text.trim()} has no unit: give one, e.g. ${text.trim()}s or ${text.trim()}m (units: ms, s, m, h).`
        : `"${text}" is not a duration: write e.g. 500ms, 30s, 5m, 1h, 2m30s or "30 seconds".`,
    );
  }
}

/**
 * Milliseconds of a duration written with its unit: `500ms`, `10s`, `5m`, `1h`, `2m30s`,
 * `'30 seconds'`. A bare number is refused: `10` could mean 10 ms or 10 minutes, and a
 * bake ten thousand times shorter than meant is not a mistake to find at 3 a.m.
 *
 * @throws InvalidDurationError naming the fix
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  // Sticky: each part starts where the previous one ended, so nothing is skipped over.
  const part = /(\d+(?:\.\d+)?) ?([a-z]+)/y;
  let total = 0;
  let parts = 0;
  while (part.lastIndex < trimmed.length) {
    if (parts > 0 && trimmed[part.lastIndex] === ' ') part.lastIndex++;
    const match = part.exec(trimmed);
    const unit = match ? UNIT_MS[match[2] as string] : undefined;
    if (!match || unit === undefined) throw new InvalidDurationError(text);
    total += Number(match[1]) * unit;
    parts++;
  }
  if (parts === 0) throw new InvalidDurationError(text);
  return total;
}

/** Milliseconds of a Duration (a number is taken as milliseconds already). */
export function toMilliseconds(duration: Duration | number): number {
  return typeof duration === 'number' ? duration : parseDuration(duration);
}

/** `2m10s`, `45s`, `1h5m`, `500ms`: short, for a line a person reads. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))}ms`;
  const seconds = Math.round(ms / 1_000);
  const h = Math.floor(seconds / 3_600);
  const m = Math.floor((seconds % 3_600) / 60);
  const s = seconds % 60;
  return [h && `${h}h`, m && `${m}m`, s && `${s}s`].filter(Boolean).join('') || '0s';
}
