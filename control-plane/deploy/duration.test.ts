import { describe, expect, it } from 'vitest';
import { formatDuration, InvalidDurationError, parseDuration, toMilliseconds } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1.5m', 90_000],
    ['2m30s', 150_000],
    ['1h 5m', 3_900_000],
    ['30 seconds', 30_000],
    ['1 second', 1_000],
    ['5 minutes', 300_000],
    ['2 hours', 7_200_000],
    ['250 milliseconds', 250],
    [' 10s ', 10_000],
    ['0s', 0],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('refuses a bare number, and says which units to add', () => {
    expect(() => parseDuration('10')).toThrow(InvalidDurationError);
    expect(() => parseDuration('10')).toThrow('10 has no unit: give one, e.g. 10s or 10m');
  });

  it.each(['', 's', '10x', '10 s s', '5 m inutes', '-5s', '10s!', 'ten seconds'])(
    'refuses %j, showing how to write a duration',
    (text) => {
      expect(() => parseDuration(text)).toThrow(/is not a duration: write e\.g\. 500ms, 30s/);
    },
  );

  it('carries a code', () => {
    const error = (() => {
      try {
        parseDuration('soon');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ code: 'INVALID_DURATION', text: 'soon' });
  });
});

describe('toMilliseconds', () => {
  it('takes a number as milliseconds already, for code that computed one', () => {
    expect(toMilliseconds(1_500)).toBe(1_500);
    expect(toMilliseconds('30 seconds')).toBe(30_000);
  });
});

describe('formatDuration', () => {
  it.each([
    [400, '400ms'],
    [1_000, '1s'],
    [45_000, '45s'],
    [130_000, '2m10s'],
    [120_000, '2m'],
    [3_900_000, '1h5m'],
    [-20, '0ms'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
