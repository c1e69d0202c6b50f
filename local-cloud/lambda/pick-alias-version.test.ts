import { describe, expect, it } from 'vitest';
import { pickAliasVersion } from './pick-alias-version.ts';

const canary = { FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } };

describe('pickAliasVersion', () => {
  it('runs the additional version when the draw falls under its weight', () => {
    expect(pickAliasVersion(canary, () => 0.05)).toBe('2');
  });

  it('runs the primary version when the draw is at or above the weight', () => {
    expect(pickAliasVersion(canary, () => 0.1)).toBe('1');
    expect(pickAliasVersion(canary, () => 0.99)).toBe('1');
  });

  it('runs the primary version of an alias without routing', () => {
    expect(pickAliasVersion({ FunctionVersion: '3' }, () => 0)).toBe('3');
  });
});
