import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../contracts/deployment-record.ts';
import { createOperatorSteering } from './create-operator-steering.ts';
import { DeploymentInterruptedError } from './errors.ts';

const record = (requests: DeploymentRecord['requests']): DeploymentRecord => ({
  pk: 'deployment#d-1',
  sk: 'record',
  id: 'd-1',
  state: 'running',
  plan: { waves: [['alerts']], targets: ['local'], strategies: {} },
  progress: {},
  events: [],
  createdAt: '2026-12-07T00:00:00.000Z',
  updatedAt: '2026-12-07T00:00:00.000Z',
  ...(requests ? { requests } : {}),
});

describe('createOperatorSteering', () => {
  it('does nothing while the record carries no request', () => {
    const steering = createOperatorSteering();
    steering.readFrom(record(undefined));
    expect(steering.abortSignal.aborted).toBe(false);
    expect(steering.promoteSignal.aborted).toBe(false);
    expect(steering.promotion()).toBeUndefined();
  });

  it('stops the deployment on an abort request, saying who asked and why', () => {
    const steering = createOperatorSteering();
    steering.readFrom(
      record([{ action: 'abort', by: 'ana (console)', reason: 'p99 looks off', at: 'x' }]),
    );
    expect(steering.abortSignal.aborted).toBe(true);
    const reason = steering.abortSignal.reason as DeploymentInterruptedError;
    expect(reason).toBeInstanceOf(DeploymentInterruptedError);
    expect(reason.why).toBe('aborted by ana (console) (p99 looks off)');
    expect(steering.promoteSignal.aborted).toBe(false);
  });

  it('ends the bakes on a promote request and keeps who asked, once', () => {
    const steering = createOperatorSteering();
    const promote = { action: 'promote' as const, by: 'ana (console)', reason: 'checked', at: 'x' };
    steering.readFrom(record([promote]));
    steering.readFrom(record([promote, { ...promote, by: 'someone else' }]));
    expect(steering.promoteSignal.aborted).toBe(true);
    expect(steering.promotion()).toEqual(promote);
    expect(steering.abortSignal.aborted).toBe(false);
  });
});
