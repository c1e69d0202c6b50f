import { describe, expect, it } from 'vitest';
import type { DeployTarget } from '../control-plane/deploy/deploy-target.ts';
import { targetsOfStage } from './targets-of-stage.ts';

const target = (name: string, stage?: string) =>
  ({ name, ...(stage ? { stage } : {}) }) as DeployTarget;

describe('targetsOfStage', () => {
  const targets = [
    target('preprod-us-east-1', 'preprod'),
    target('prod-us-east-1', 'prod'),
    target('prod-us-west-2', 'prod'),
  ];

  it("keeps one stage's targets, in order, or all of them without --stage", () => {
    expect(targetsOfStage(targets, 'prod').map((t) => t.name)).toEqual([
      'prod-us-east-1',
      'prod-us-west-2',
    ]);
    expect(targetsOfStage(targets, undefined)).toHaveLength(3);
  });

  it('refuses a stage the pipeline does not have, naming those it has', () => {
    expect(() => targetsOfStage(targets, 'staging')).toThrow(
      'The pipeline has no stage "staging": its stages are preprod, prod.',
    );
    expect(() => targetsOfStage([target('local')], 'prod')).toThrow(/needs --pipeline/);
  });
});
