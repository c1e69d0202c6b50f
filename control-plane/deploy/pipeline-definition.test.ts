import { describe, expect, it } from 'vitest';
import { definePipeline, expandTargets } from './pipeline-definition.ts';

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
