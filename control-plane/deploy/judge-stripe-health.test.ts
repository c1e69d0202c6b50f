import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, judgeHealth } from './judge-health.ts';
import { addHealth } from './judge-stripe-health.ts';
import type { VersionHealth } from './version-health.ts';

const health = (invocations: number, errors: number, p90Ms?: number): VersionHealth => ({
  invocations,
  errors,
  throttles: 0,
  p90Ms,
  p99Ms: p90Ms,
});

describe('addHealth', () => {
  it('adds the counts of two Regions and keeps the worse tail', () => {
    expect(addHealth(health(10, 1, 40), health(30, 2, 90))).toEqual(health(40, 3, 90));
    expect(addHealth(health(0, 0), health(5, 0, 12))).toEqual(health(5, 0, 12));
  });

  it('makes a breach of error rates each Region alone is too small to call', () => {
    const stable = health(200, 0, 10);
    // One error per Region: under minErrors (2) in each, 2 of 40 across both.
    const east = health(20, 1, 10);
    const west = health(20, 1, 10);
    expect(judgeHealth(east, stable, DEFAULT_THRESHOLDS).verdict).not.toBe('breach');
    expect(judgeHealth(west, stable, DEFAULT_THRESHOLDS).verdict).not.toBe('breach');
    expect(
      judgeHealth(addHealth(east, west), addHealth(stable, stable), DEFAULT_THRESHOLDS).verdict,
    ).toBe('breach');
  });
});
