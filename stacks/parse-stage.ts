import { StageFormatError } from './errors.ts';

/** A stage names one environment in one Region: `prod-us-east-1`. */
export interface Stage {
  stage: string;
  environment: string;
  region: string;
}

const STAGE_PATTERN = /^([a-z][a-z0-9]*)-([a-z]{2}(?:-gov)?-[a-z]+-\d)$/;

/**
 * Splits a stage into its environment and Region. Each module has its own state per
 * stage, so one stage per Region gives each Region its own state, lock and pipeline.
 *
 * @example
 * parseStage('prod-us-east-1'); // { environment: 'prod', region: 'us-east-1', ... }
 */
export function parseStage(stage: string): Stage {
  const match = STAGE_PATTERN.exec(stage);
  if (!match?.[1] || !match[2]) throw new StageFormatError(stage);
  return { stage, environment: match[1], region: match[2] };
}
