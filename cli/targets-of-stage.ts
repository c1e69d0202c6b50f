import type { DeployTarget } from '../control-plane/deploy/deploy-target.ts';

/**
 * The targets of one stage, for `turnout deploy --stage` (CI runs each stage in its own
 * job and environment); all of them without a stage. Refuses a stage the pipeline does
 * not define, naming those it does, before anything is built.
 */
export function targetsOfStage(
  targets: readonly DeployTarget[],
  stage: string | undefined,
): DeployTarget[] {
  if (stage === undefined) return [...targets];
  const chosen = targets.filter((t) => t.stage === stage);
  if (chosen.length) return chosen;
  const stages = [...new Set(targets.flatMap((t) => (t.stage ? [t.stage] : [])))];
  throw new Error(
    stages.length
      ? `The pipeline has no stage "${stage}": its stages are ${stages.join(', ')}.`
      : `--stage ${stage} needs --pipeline <file>: \`turnout dev\` has no stages.`,
  );
}
