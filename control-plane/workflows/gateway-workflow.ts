import type { YamlValue } from '../../lib/to-yaml.ts';
import type { PipelineDefinition } from '../deploy/pipeline-definition.ts';
import {
  checkoutSteps,
  deployJobBase,
  stackSteps,
  stageJobId,
  triggers,
  workflowPath,
} from './workflow-parts.ts';

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
  const branch = options.branch ?? 'main';
  const paths = ['gateway/**', 'contracts/**', 'lib/**', workflowPath(GATEWAY_UNIT)];
  const stages = options.definition.stages.map((s) => s.name);
  const jobs: Record<string, YamlValue> = {
    test: {
      name: 'Test the gateway',
      'runs-on': 'ubuntu-latest',
      steps: [
        ...checkoutSteps(),
        { name: 'This workflow is current', run: 'node bin/turnout.js pipeline gateway --check' },
        { name: 'Typecheck', run: 'npm run typecheck' },
        { name: 'Tests of the gateway', run: 'npx vitest run --project unit gateway' },
      ],
    },
  };
  for (const [index, stage] of stages.entries()) {
    jobs[stageJobId(stage)] = {
      name: `${stage}: gateway stacks`,
      ...deployJobBase({
        stage,
        needs: index === 0 ? 'test' : stageJobId(stages[index - 1] as string),
        branch,
      }),
      steps: [...checkoutSteps(), ...stackSteps(options.definition, stage, GATEWAY_UNIT)],
    };
  }
  return {
    name: 'gateway',
    on: triggers(paths, branch),
    concurrency: { group: 'turnout-gateway', 'cancel-in-progress': false },
    permissions: { contents: 'read', 'id-token': 'write' },
    jobs,
  };
}
