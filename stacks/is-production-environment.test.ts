import { describe, expect, it } from 'vitest';
import { isProductionEnvironment } from './is-production-environment.ts';

describe('isProductionEnvironment', () => {
  it('takes an environment whose name starts with prod as production', () => {
    expect(['prod', 'production', 'prod2'].map(isProductionEnvironment)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('takes every other environment as removable, preprod included', () => {
    expect(['preprod', 'staging', 'dev', 'test'].map(isProductionEnvironment)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
