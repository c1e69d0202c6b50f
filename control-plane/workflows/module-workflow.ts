import type { RegionRollout } from '../../contracts/deployment-record.ts';
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

export interface ModuleWorkflowOptions {
  /** The pipeline definition, as `turnout deploy --pipeline` reads it: its stages and Regions. */
  definition: PipelineDefinition;
  /** Its path from the repository root, as the workflow passes it. @example 'pipeline.ts' */
  pipelineFile: string;
  /** How each stage's Regions take the traffic. @default 'stagger' */
  regions?: RegionRollout;
  /** The branch whose pushes release. @default 'main' */
  branch?: string;
}

/**
 * A module's own release pipeline, as a GitHub Actions workflow: it runs when the
 * module's folder or the kit changes (nothing else's change starts it), tests the module,
 * then stage by stage: `sst deploy` of the module's stack in each Region of the stage,
 * then `turnout deploy --pipeline <file> --stage <stage>` for the traffic (publish, canary,
 * bake, roll back). Each stage's job runs in the GitHub environment of the same name, whose
 * protection rules (required reviewers, a wait timer) are the approvals and the bake
 * between stages; its variables and secrets hold the deploy role, the final bake and the
 * gateways' health token. One release at a time per module, never cancelled half-way.
 *
 * @example
 * toYaml(moduleWorkflow('ratings', { definition, pipelineFile: 'pipeline.ts' }));
 */
export function moduleWorkflow(module: string, options: ModuleWorkflowOptions): YamlValue {
  const branch = options.branch ?? 'main';
  const paths = [`modules/${module}/**`, 'modules/kit/**', workflowPath(module)];
  const stages = options.definition.stages.map((s) => s.name);
  const jobs: Record<string, YamlValue> = {
    test: {
      name: `Test ${module}`,
      'runs-on': 'ubuntu-latest',
      steps: [
        ...checkoutSteps(),
        { name: 'This workflow is current', run: `node bin/turnout.js pipeline ${module} --check` },
        { name: 'Typecheck', run: 'npm run typecheck' },
        { name: `Tests of ${module}`, run: `npx vitest run modules/${module}` },
      ],
    },
  };
  for (const [index, stage] of stages.entries()) {
    const deploy = [
      'node bin/turnout.js deploy',
      module,
      `--pipeline ${options.pipelineFile}`,
      `--stage ${stage}`,
      `--final-bake "\${{ vars.TURNOUT_FINAL_BAKE || '5m' }}"`,
      ...(options.regions === 'stripe' ? ['--stripe'] : []),
    ].join(' ');
    jobs[stageJobId(stage)] = {
      name: `${stage}: stack and traffic`,
      ...deployJobBase({
        stage,
        needs: index === 0 ? 'test' : stageJobId(stages[index - 1] as string),
        branch,
      }),
      steps: [
        ...checkoutSteps(),
        ...stackSteps(options.definition, stage, module),
        { name: `Traffic in ${stage}`, run: deploy },
      ],
    };
  }
  return {
    name: `module ${module}`,
    on: triggers(paths, branch),
    concurrency: { group: `turnout-${module}`, 'cancel-in-progress': false },
    permissions: { contents: 'read', 'id-token': 'write' },
    jobs,
  };
}
