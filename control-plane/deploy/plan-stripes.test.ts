import { describe, expect, it } from 'vitest';
import { planStripes } from './plan-stripes.ts';

const target = (stage: string, region: string, cell?: string) => ({
  name: [stage, region, cell].filter(Boolean).join('-'),
  stage,
  region,
  ...(cell ? { cell } : {}),
});

const names = (groups: { name: string }[][]) => groups.map((g) => g.map((t) => t.name));

describe('planStripes', () => {
  const targets = [
    target('preprod', 'us-east-1'),
    target('prod', 'us-east-1'),
    target('prod', 'us-west-2'),
  ];

  it('staggers by default: each target alone, in the pipeline order', () => {
    expect(names(planStripes(targets, 'stagger'))).toEqual([
      ['preprod-us-east-1'],
      ['prod-us-east-1'],
      ['prod-us-west-2'],
    ]);
  });

  it("stripes a stage's Regions together, stage after stage", () => {
    expect(names(planStripes(targets, 'stripe'))).toEqual([
      ['preprod-us-east-1'],
      ['prod-us-east-1', 'prod-us-west-2'],
    ]);
  });

  it('stripes cell by cell across Regions, so a later cell still waits for the one before', () => {
    const cells = [
      target('prod', 'us-east-1', 'cell-1'),
      target('prod', 'us-east-1', 'cell-2'),
      target('prod', 'us-west-2', 'cell-1'),
      target('prod', 'us-west-2', 'cell-2'),
    ];
    expect(names(planStripes(cells, 'stripe'))).toEqual([
      ['prod-us-east-1-cell-1', 'prod-us-west-2-cell-1'],
      ['prod-us-east-1-cell-2', 'prod-us-west-2-cell-2'],
    ]);
  });

  it('leaves a target with no stage (turnout dev) alone', () => {
    expect(names(planStripes([{ name: 'local' }, { name: 'other' }], 'stripe'))).toEqual([
      ['local'],
      ['other'],
    ]);
  });
});
