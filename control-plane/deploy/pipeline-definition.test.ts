import { describe, expect, it } from 'vitest';
import { definePipeline, expandTargets, pipelineNames } from './pipeline-definition.ts';

describe('expandTargets', () => {
  it('orders targets by stage, then Region, then cell', () => {
    const pipeline = definePipeline({
      stages: [
        { name: 'preprod', regions: [{ region: 'us-east-1', gatewayUrls: ['https://pre'] }] },
        {
          name: 'prod',
          regions: [
            { region: 'us-east-1', gatewayUrls: ['https://use1'], cells: ['cell-1', 'cell-2'] },
            { region: 'us-west-2', gatewayUrls: ['https://usw2'] },
          ],
        },
      ],
    });
    expect(expandTargets(pipeline).map((t) => t.name)).toEqual([
      'preprod-us-east-1',
      'prod-us-east-1-cell-1',
      'prod-us-east-1-cell-2',
      'prod-us-west-2',
    ]);
  });
});

describe('pipelineNames', () => {
  const stages = [{ name: 'prod', regions: [{ region: 'us-east-1', gatewayUrls: [] }] }];

  it("names the tables under the stacks' resource prefix when the pipeline names none", () => {
    expect(pipelineNames(definePipeline({ stages }), { TURNOUT_RESOURCE_PREFIX: 'acme' })).toEqual({
      resourcePrefix: 'acme',
      registryTable: 'acme-registry',
      deploymentsTable: 'acme-deployments',
    });
    expect(pipelineNames({}, {}).registryTable).toBe('turnout-registry');
  });

  it("takes the pipeline's own prefix and tables over the environment's", () => {
    const definition = definePipeline({ stages, resourcePrefix: 'stg', registryTable: 'shared' });
    expect(pipelineNames(definition, { TURNOUT_RESOURCE_PREFIX: 'acme' })).toEqual({
      resourcePrefix: 'stg',
      registryTable: 'shared',
      deploymentsTable: 'stg-deployments',
    });
  });

  it('refuses a prefix that cannot name resources', () => {
    expect(() => pipelineNames({ resourcePrefix: 'turnout-staging' }, {})).toThrow(
      expect.objectContaining({ code: 'INVALID_RESOURCE_PREFIX' }),
    );
  });
});
