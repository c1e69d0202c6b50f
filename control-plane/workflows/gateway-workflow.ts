import type { YamlValue } from '../../lib/to-yaml.ts';
import type { PipelineDefinition } from '../deploy/pipeline-definition.ts';
import { stackSteps, unitWorkflow } from './workflow-parts.ts';

/** The unit name of the gateway's stack and workflow (`TURNOUT_UNIT=gateway`). */
export const GATEWAY_UNIT = 'gateway';

/**
 * The gateway's own pipeline: it runs when the gateway, the contracts or the small
 * libraries change, tests the gateway, then stage by stage deploys its stack in each
 * Region (the gateway's function ships with its stack; there is no alias traffic to
 * shift), each stage in the GitHub environment named after it.
 */
export function gatewayWorkflow(options: {
  definition: PipelineDefinition;
  branch?: string;
}): YamlValue {
  return unitWorkflow({
    unit: GATEWAY_UNIT,
    title: 'gateway',
    definition: options.definition,
    branch: options.branch ?? 'main',
    paths: ['gateway/**', 'contracts/**', 'lib/**'],
    testJobName: 'Test the gateway',
    testSteps: [{ name: 'Tests of the gateway', run: 'npx vitest run --project unit gateway' }],
    stageJobName: (stage) => `${stage}: gateway stacks`,
    stageSteps: (stage) => stackSteps(options.definition, stage, GATEWAY_UNIT),
  });
}
