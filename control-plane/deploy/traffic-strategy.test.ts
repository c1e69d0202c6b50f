import { describe, expect, it } from 'vitest';
import { InvalidStrategyError } from './errors.ts';
import { parseStrategy, trafficSteps } from './traffic-strategy.ts';

describe('parseStrategy', () => {
  it('reads CodeDeploy canary presets, with or without the CodeDeployDefault.Lambda prefix', () => {
    expect(parseStrategy('Canary10Percent5Minutes')).toEqual({
      kind: 'canary',
      percent: 10,
      bakeMs: 300_000,
    });
    expect(parseStrategy('CodeDeployDefault.LambdaCanary10Percent30Minutes')).toEqual({
      kind: 'canary',
      percent: 10,
      bakeMs: 1_800_000,
    });
  });

  it('reads linear presets and second-based variants for local runs', () => {
    expect(parseStrategy('Linear10PercentEvery1Minute')).toEqual({
      kind: 'linear',
      percent: 10,
      intervalMs: 60_000,
    });
    expect(parseStrategy('Linear25PercentEvery2Seconds')).toEqual({
      kind: 'linear',
      percent: 25,
      intervalMs: 2_000,
    });
    expect(parseStrategy('AllAtOnce')).toEqual({ kind: 'all-at-once', bakeMs: 0 });
  });

  it('rejects an unknown name with the forms it accepts', () => {
    expect(() => parseStrategy('Canary10Percent')).toThrow(InvalidStrategyError);
    expect(() => parseStrategy('Canary0Percent5Minutes')).toThrow(/from 1 to 99/);
    expect(() => parseStrategy('Blue')).toThrow(/Linear10PercentEvery1Minute/);
  });
});

describe('trafficSteps', () => {
  it('moves a canary to its percent, then to everything', () => {
    expect(trafficSteps(parseStrategy('Canary10Percent5Seconds'), 1_000)).toEqual([
      { weight: 0.1, bakeMs: 5_000 },
      { weight: 1, bakeMs: 1_000 },
    ]);
  });

  it('moves linearly in equal steps and ends at everything', () => {
    const steps = trafficSteps(parseStrategy('Linear25PercentEvery1Second'), 500);
    expect(steps.map((s) => s.weight)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(steps.at(-1)?.bakeMs).toBe(500);
  });
});
