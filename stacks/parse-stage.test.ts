import { describe, expect, it } from 'vitest';
import { StageFormatError } from './errors.ts';
import { parseStage } from './parse-stage.ts';

describe('parseStage', () => {
  it('splits a stage into its environment and Region', () => {
    expect(parseStage('prod-us-east-1')).toEqual({
      stage: 'prod-us-east-1',
      environment: 'prod',
      region: 'us-east-1',
    });
    expect(parseStage('staging-ap-southeast-2').region).toBe('ap-southeast-2');
    expect(parseStage('prod-us-gov-west-1').region).toBe('us-gov-west-1');
  });

  it('refuses a stage that names no Region', () => {
    for (const stage of ['prod', 'prod-useast1', 'us-east-1', 'Prod-us-east-1']) {
      expect(() => parseStage(stage)).toThrow(StageFormatError);
    }
  });
});
