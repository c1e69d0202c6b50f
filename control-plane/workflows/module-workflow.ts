import type { RegionRollout } from '../../contracts/deployment-record.ts';
import type { YamlValue } from '../../lib/to-yaml.ts';
import type { PipelineDefinition } from '../deploy/pipeline-definition.ts';
import { expression, stackSteps, unitWorkflow } from './workflow-parts.ts';

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
  const deploy = (stage: string) =>
    [
      'node bin/turnout.js deploy',
      module,
      `--pipeline ${options.pipelineFile}`,
      `--stage ${stage}`,
      `--final-bake "${expression("vars.TURNOUT_FINAL_BAKE || '5m'")}"`,
      ...(options.regions === 'stripe' ? ['--stripe'] : []),
    ].join(' ');
  return unitWorkflow({
    unit: module,
    title: `module ${module}`,
    definition: options.definition,
    branch: options.branch ?? 'main',
    paths: [`modules/${module}/**`, 'modules/kit/**'],
    testJobName: `Test ${module}`,
    testSteps: [{ name: `Tests of ${module}`, run: `npx vitest run modules/${module}` }],
    stageJobName: (stage) => `${stage}: stack and traffic`,
    stageSteps: (stage) => [
      ...stackSteps(options.definition, stage, module),
      { name: `Traffic in ${stage}`, run: deploy(stage) },
    ],
  });
}
