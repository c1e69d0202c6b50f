import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineDefinition } from '../../control-plane/deploy/pipeline-definition.ts';
import { consoleCommand } from '../commands/console.ts';
import { type ConsoleRegionsOptions, openConsoleRegions } from './open-console-regions.ts';

const ARN = 'arn:aws:route53-recovery-control::111122223333:controlpanel/abc/routingcontrol/';
const CLUSTER = {
  clusterEndpoints: [{ region: 'us-west-2', endpoint: 'https://127.0.0.1:9/v1' }],
};
const stage = (name: string, regions: string[]) => ({
  name,
  regions: regions.map((region) => ({
    region,
    gatewayUrls: [`https://${region}.api.example.com`],
    routingControlArn: `${ARN}${name}-${region}`,
  })),
});

const PIPELINES: Record<string, PipelineDefinition> = {
  'one-stage.mjs': { stages: [stage('prod', ['us-east-1', 'us-west-2'])], routingControl: CLUSTER },
  'two-stages.mjs': {
    stages: [
      stage('preprod', ['eu-west-1', 'eu-central-1']),
      stage('prod', ['us-east-1', 'us-west-2']),
    ],
    routingControl: CLUSTER,
  },
  'no-cluster.mjs': { stages: [stage('prod', ['us-east-1'])] },
};

let root: string;

// Only the definitions are read: no Region or cluster is called until the page reads.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'turnout-console-regions-'));
  for (const [file, definition] of Object.entries(PIPELINES))
    await writeFile(join(root, file), `export default ${JSON.stringify(definition)};\n`);
});

afterAll(() => rm(root, { recursive: true, force: true }));

async function regionNames(options: ConsoleRegionsOptions) {
  const regions = await openConsoleRegions(root, options);
  try {
    return regions?.names;
  } finally {
    regions?.close();
  }
}

describe('openConsoleRegions', () => {
  it("opens a pipeline's Regions as `turnout regions --pipeline` does", async () => {
    expect(await regionNames({ pipelineFile: 'one-stage.mjs' })).toEqual([
      'us-east-1',
      'us-west-2',
    ]);
  });

  it('opens the stage --stage names', async () => {
    expect(await regionNames({ pipelineFile: 'two-stages.mjs', stage: 'preprod' })).toEqual([
      'eu-west-1',
      'eu-central-1',
    ]);
  });

  it('has no Regions page for a pipeline that names no ARC cluster, or a local dev with one Region', async () => {
    expect(await regionNames({ pipelineFile: 'no-cluster.mjs' })).toBeUndefined();
    // No endpoints file in this root: nothing running, nothing to show.
    expect(await regionNames({})).toBeUndefined();
  });

  it.each<[string, ConsoleRegionsOptions, RegExp]>([
    [
      'several stages and no --stage',
      { pipelineFile: 'two-stages.mjs' },
      /say which with --stage <name>/,
    ],
    [
      'a stage the pipeline lacks',
      { pipelineFile: 'two-stages.mjs', stage: 'qa' },
      /--stage qa: the pipeline has no such stage; choose one of preprod, prod/,
    ],
    [
      '--stage on a pipeline with no ARC cluster',
      { pipelineFile: 'no-cluster.mjs', stage: 'prod' },
      /names no ARC cluster/,
    ],
    ['--stage without --pipeline', { stage: 'prod' }, /--stage needs --pipeline <file>/],
  ])('refuses %s, saying how to fix it', async (_, options, message) => {
    await expect(openConsoleRegions(root, options)).rejects.toThrow(message);
  });
});

describe('turnout console', () => {
  it('takes --pipeline and --stage as `turnout regions` does', () => {
    const command = consoleCommand();
    command.parseOptions(['--pipeline', 'pipeline.ts', '--stage', 'prod']);
    expect(command.opts()).toMatchObject({ pipeline: 'pipeline.ts', stage: 'prod' });
  });
});
