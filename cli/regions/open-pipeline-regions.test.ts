import { describe, expect, it } from 'vitest';
import type { PipelineDefinition } from '../../control-plane/deploy/pipeline-definition.ts';
import { openPipelineRegions } from './open-pipeline-regions.ts';

const ARN = 'arn:aws:route53-recovery-control::111122223333:controlpanel/abc/routingcontrol/';
const CLUSTER = {
  clusterEndpoints: [
    {
      region: 'us-west-2',
      endpoint: 'https://abc.route53-recovery-cluster.us-west-2.amazonaws.com/v1',
    },
  ],
};

const stage = (name: string, arns: boolean) => ({
  name,
  regions: ['us-east-1', 'us-west-2'].map((region) => ({
    region,
    gatewayUrls: [`https://${region}.api.example.com`],
    ...(arns ? { routingControlArn: `${ARN}${name}-${region}` } : {}),
  })),
});

// Only the definition is read here: no Region or cluster is called until a command reads.
describe('openPipelineRegions', () => {
  it('takes the one stage whose Regions name routing controls, and the registry for the records', () => {
    const open = openPipelineRegions(
      { stages: [stage('preprod', false), stage('prod', true)], routingControl: CLUSTER },
      { env: {} },
    );
    try {
      expect(open.regions.map((r) => r.region)).toEqual(['us-east-1', 'us-west-2']);
      expect(open.failoversTable).toBe('turnout-registry');
      expect(open.registryTable).toBe('turnout-registry');
      // No front door in AWS: each Region's gateway figures are read from CloudWatch.
      expect(open.regions[0]?.gateway).toEqual({
        url: 'https://us-east-1.api.example.com',
        metrics: expect.objectContaining({
          namespace: 'AWS/Lambda',
          dimensions: { FunctionName: 'turnout-gateway' },
        }),
      });
    } finally {
      open.close();
    }
  });

  it.each<[string, PipelineDefinition, string | undefined, RegExp]>([
    [
      'no cluster endpoints',
      { stages: [stage('prod', true)] },
      undefined,
      /names no ARC cluster: add `routingControl: \{ clusterEndpoints/,
    ],
    [
      'no stage with routing controls',
      { stages: [stage('prod', false)], routingControl: CLUSTER },
      undefined,
      /No stage of the pipeline names a routing control/,
    ],
    [
      'several stages with routing controls and no --stage',
      { stages: [stage('preprod', true), stage('prod', true)], routingControl: CLUSTER },
      undefined,
      /say which with --stage <name>/,
    ],
    [
      'a stage it does not have',
      { stages: [stage('prod', true)], routingControl: CLUSTER },
      'staging',
      /--stage staging: the pipeline has no such stage; choose one of prod/,
    ],
    [
      'a stage whose Regions name no routing control',
      { stages: [stage('preprod', false), stage('prod', true)], routingControl: CLUSTER },
      'preprod',
      /Stage preprod: us-east-1, us-west-2 name no routingControlArn/,
    ],
  ])('refuses %s, saying how to fix it', (_what, definition, name, message) => {
    expect(() =>
      openPipelineRegions(definition, { env: {}, ...(name ? { stage: name } : {}) }),
    ).toThrow(message);
  });
});
