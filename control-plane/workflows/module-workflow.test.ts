import { describe, expect, it } from 'vitest';
// A YAML parser the tests have (vite's dependency): what GitHub reads, read back.
import { parse } from 'yaml';
import { toYaml } from '../../lib/to-yaml.ts';
import { definePipeline } from '../deploy/pipeline-definition.ts';
import { gatewayWorkflow } from './gateway-workflow.ts';
import { moduleWorkflow } from './module-workflow.ts';

const definition = definePipeline({
  stages: [
    { name: 'preprod', regions: [{ region: 'us-east-1', gatewayUrls: [] }] },
    {
      name: 'prod',
      regions: [
        { region: 'us-east-1', gatewayUrls: [], cells: ['cell-1', 'cell-2'] },
        { region: 'us-west-2', gatewayUrls: [] },
      ],
    },
  ],
});

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  if?: string;
  environment?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { paths?: string[]; branches?: string[] }>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const read = (workflow: unknown) => parse(toYaml(workflow as never)) as Workflow;
const runs = (job: Job | undefined) => (job?.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));

describe("a module's workflow", () => {
  const workflow = read(moduleWorkflow('ratings', { definition, pipelineFile: 'pipeline.ts' }));

  it('runs only when the module or the kit changes, on pushes to main and pull requests', () => {
    const paths = ['modules/ratings/**', 'modules/kit/**', '.github/workflows/turnout-ratings.yml'];
    expect(workflow.on.push).toEqual({ branches: ['main'], paths });
    expect(workflow.on.pull_request).toEqual({ paths });
  });

  it("tests the module, then deploys stage after stage, each in its stage's environment", () => {
    expect(Object.keys(workflow.jobs)).toEqual(['test', 'deploy-preprod', 'deploy-prod']);
    expect(runs(workflow.jobs.test)).toContain('npx vitest run modules/ratings');
    expect(runs(workflow.jobs.test)).toContain('node bin/turnout.js pipeline ratings --check');
    expect(workflow.jobs['deploy-preprod']).toMatchObject({
      needs: 'test',
      environment: 'preprod',
    });
    expect(workflow.jobs['deploy-prod']).toMatchObject({
      needs: 'deploy-preprod',
      environment: 'prod',
    });
    expect(workflow.jobs['deploy-prod']?.if).toMatch(/github.event_name != 'pull_request'/);
  });

  it("deploys the stack in each of a stage's Regions once, then the traffic with turnout deploy", () => {
    const prod = workflow.jobs['deploy-prod'];
    expect(runs(prod)).toEqual([
      'npm ci',
      'npx sst deploy --stage prod-us-east-1',
      'npx sst deploy --stage prod-us-west-2',
      `node bin/turnout.js deploy ratings --pipeline pipeline.ts --stage prod --final-bake "\${{ vars.TURNOUT_FINAL_BAKE || '5m' }}"`,
    ]);
    const stacks = prod?.steps.filter((s) => s.run?.startsWith('npx sst deploy')) ?? [];
    expect(stacks.map((s) => s.env?.TURNOUT_UNIT)).toEqual(['ratings', 'ratings']);
  });

  it('never cancels a release in flight', () => {
    expect(workflow.concurrency).toEqual({ group: 'turnout-ratings', 'cancel-in-progress': false });
  });

  it('stripes the Regions when asked', () => {
    const striped = read(
      moduleWorkflow('ratings', { definition, pipelineFile: 'pipeline.ts', regions: 'stripe' }),
    );
    expect(runs(striped.jobs['deploy-prod']).at(-1)).toMatch(/ --stripe$/);
  });
});

describe("the gateway's workflow", () => {
  const workflow = read(gatewayWorkflow({ definition }));

  it('runs on the gateway, the contracts and lib, and deploys its stack per stage and Region', () => {
    expect(workflow.on.push?.paths).toEqual([
      'gateway/**',
      'contracts/**',
      'lib/**',
      '.github/workflows/turnout-gateway.yml',
    ]);
    expect(runs(workflow.jobs['deploy-prod'])).toEqual([
      'npm ci',
      'npx sst deploy --stage prod-us-east-1',
      'npx sst deploy --stage prod-us-west-2',
    ]);
    expect(workflow.jobs['deploy-prod']?.steps.find((s) => s.run?.includes('sst'))?.env).toEqual({
      TURNOUT_UNIT: 'gateway',
      AWS_REGION: 'us-east-1',
    });
  });
});
