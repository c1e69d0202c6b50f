import { describe, expect, it } from 'vitest';
import type { DeploymentEvent, DeploymentRecord } from '../../contracts/deployment-record.ts';
import { findPauses } from './find-pauses.ts';

const record = (state: DeploymentRecord['state'], events: DeploymentEvent[]): DeploymentRecord => ({
  pk: 'deployment#d-1',
  sk: 'record',
  id: 'd-1',
  state,
  plan: { waves: [['alerts']], targets: ['prod-us-west-2'], strategies: {} },
  progress: {},
  events,
  createdAt: '2026-12-07T04:00:00.000Z',
  updatedAt: '2026-12-07T04:00:00.000Z',
});

const pause = (at: string, target: string): DeploymentEvent => ({
  at,
  kind: 'decision',
  name: 'pause',
  module: 'alerts',
  target,
  detail: `paused: routing control of ${target} is Off`,
});

describe('findPauses', () => {
  it('names each module and target whose last pause has not ended', () => {
    const found = findPauses(
      record('running', [
        pause('2026-12-07T04:01:00.000Z', 'prod-us-east-1'),
        {
          ...pause('2026-12-07T04:02:00.000Z', 'prod-us-east-1'),
          name: 'unpause',
          detail: 'serves again',
        },
        pause('2026-12-07T04:03:00.000Z', 'prod-us-west-2'),
      ]),
    );
    expect(found).toEqual([
      'alerts@prod-us-west-2 since 2026-12-07T04:03:00.000Z: paused: routing control of prod-us-west-2 is Off',
    ]);
  });

  it('says nothing of a deployment that ended, paused or not', () => {
    expect(findPauses(record('aborted', [pause('2026-12-07T04:01:00.000Z', 'x')]))).toEqual([]);
  });
});
