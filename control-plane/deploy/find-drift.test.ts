import { describe, expect, it } from 'vitest';
import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { describeDrift } from './find-drift.ts';

// Canary10: 10%, then all of it.
const weights = [0.1, 1];
const shifting = (step: number, weight: number): ModuleProgress => ({
  phase: 'shifting',
  target: 'local',
  stable: '3',
  candidate: '4',
  step,
  weight,
});
const split = (weight: number) => ({ version: '3', canary: { version: '4', weight } });
const bothServe = { stable: '3', candidate: { version: '4', weight: 0.1 } };

describe('describeDrift', () => {
  it('accepts a first step recorded before the registry and the alias moved', () => {
    expect(describeDrift(shifting(0, 0.1), weights, { version: '3' }, { stable: '3' })).toBe(
      undefined,
    );
    expect(describeDrift(shifting(0, 0.1), weights, { version: '3' }, undefined)).toBe(undefined);
    expect(describeDrift(shifting(0, 0.1), weights, { version: '3' }, bothServe)).toBe(undefined);
  });

  it('accepts an alias still where the previous step left it', () => {
    expect(describeDrift(shifting(1, 1), weights, split(0.1), bothServe)).toBe(undefined);
    expect(describeDrift(shifting(1, 1), weights, { version: '4' }, bothServe)).toBe(undefined);
  });

  it('names a manual rollback mid-shift: the alias back on the stable version alone', () => {
    expect(describeDrift(shifting(1, 0.1), weights, { version: '3' }, { stable: '3' })).toMatch(
      /the alias serves version 3 alone, but the record says 10% on version 4/,
    );
  });

  it('names an alias moved to a version the record never named', () => {
    expect(describeDrift(shifting(1, 0.1), weights, { version: '2' }, bothServe)).toMatch(
      /the alias serves version 2 alone/,
    );
  });

  it('names a registry that no longer serves the candidate while the alias still splits', () => {
    expect(describeDrift(shifting(1, 0.1), weights, split(0.1), { stable: '3' })).toMatch(
      /the registry says version 3 serves the module alone/,
    );
  });

  it('accepts a rollback recorded before the alias or the registry moved back', () => {
    const back: ModuleProgress = { ...shifting(1, 0), phase: 'rolled-back' };
    expect(describeDrift(back, weights, split(0.1), bothServe)).toBe(undefined);
    expect(describeDrift(back, weights, { version: '3' }, bothServe)).toBe(undefined);
    expect(describeDrift(back, weights, { version: '3' }, { stable: '3' })).toBe(undefined);
  });

  it('accepts a promotion recorded before the registry was told, and after', () => {
    const promoted: ModuleProgress = { ...shifting(1, 1), phase: 'promoted' };
    expect(describeDrift(promoted, weights, { version: '4' }, bothServe)).toBe(undefined);
    expect(describeDrift(promoted, weights, { version: '4' }, { stable: '4' })).toBe(undefined);
    expect(describeDrift(promoted, weights, { version: '3' }, { stable: '3' })).toMatch(
      /the alias serves version 3 alone/,
    );
  });

  it('has nothing to say of a module that already ended', () => {
    const failed: ModuleProgress = { ...shifting(0, 0), phase: 'failed' };
    expect(describeDrift(failed, weights, { version: '9' }, undefined)).toBe(undefined);
  });
});
