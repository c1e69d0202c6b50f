import { describe, expect, it } from 'vitest';
import { judgeHealth } from './judge-health.ts';

const health = (invocations: number, errors: number, latencyMs?: number, throttles = 0) => ({
  invocations,
  errors,
  throttles,
  p90Ms: latencyMs,
  p99Ms: latencyMs,
});

describe('judgeHealth', () => {
  it('calls a version that fails every request a breach after two errors', () => {
    expect(judgeHealth(health(2, 2), health(200, 0, 20))).toMatchObject({ verdict: 'breach' });
  });

  it('calls a 20% error rate a breach once a few errors are in', () => {
    const verdict = judgeHealth(health(15, 3, 20), health(150, 0, 20));
    expect(verdict).toMatchObject({ verdict: 'breach', reason: expect.stringContaining('20.0%') });
  });

  it('names the broken answers among the errors, with the latest violation', () => {
    const canary = {
      ...health(15, 5, 20),
      badResponses: 4,
      badResponse: '_titles: 0 entries for 3 keys',
    };
    expect(judgeHealth(canary, health(150, 0, 20))).toMatchObject({
      verdict: 'breach',
      reason: expect.stringContaining(
        '4 of them answers that broke the graphlet contract, e.g. _titles: 0 entries for 3 keys',
      ),
    });
  });

  it('tolerates an error rate no worse than the old version', () => {
    expect(judgeHealth(health(100, 2, 20), health(1000, 20, 20))).toEqual({ verdict: 'healthy' });
  });

  it('rolls back a version that adds 500 ms of latency', () => {
    const verdict = judgeHealth(health(25, 0, 520), health(120, 0, 20));
    expect(verdict).toMatchObject({
      verdict: 'breach',
      reason: expect.stringContaining('p90 latency'),
    });
  });

  it('lets one cold start pass: under a hundred samples it compares p90, not p99', () => {
    const canary = { invocations: 30, errors: 0, throttles: 0, p90Ms: 32, p99Ms: 512 };
    const stable = { invocations: 300, errors: 0, throttles: 0, p90Ms: 32, p99Ms: 64 };
    expect(judgeHealth(canary, stable)).toEqual({ verdict: 'healthy' });
  });

  it('compares p99 once there are a hundred samples', () => {
    const canary = { invocations: 150, errors: 0, throttles: 0, p90Ms: 32, p99Ms: 512 };
    const stable = { invocations: 300, errors: 0, throttles: 0, p90Ms: 32, p99Ms: 64 };
    expect(judgeHealth(canary, stable)).toMatchObject({
      verdict: 'breach',
      reason: expect.stringContaining('p99'),
    });
  });

  it('takes a slower p99 within the slack for jitter, not a breach', () => {
    expect(judgeHealth(health(25, 0, 256), health(120, 0, 128))).toEqual({ verdict: 'healthy' });
  });

  it('waits for the minimum invoke count before calling a version healthy', () => {
    expect(judgeHealth(health(5, 0, 20), health(50, 0, 20))).toMatchObject({ verdict: 'waiting' });
  });

  it('calls new throttling a breach', () => {
    expect(judgeHealth(health(30, 0, 20, 5), health(300, 0, 20))).toMatchObject({
      verdict: 'breach',
    });
  });

  it('calls an alias alarm in ALARM a breach, naming it and why CloudWatch says so', () => {
    const canary = {
      ...health(0, 0),
      alarms: [
        {
          name: 'turnout-alerts-live-errors',
          reason:
            'Threshold Crossed: 1 datapoint [0.4] was greater than or equal to the threshold (0.01).',
          sinceMs: 1,
        },
      ],
    };
    expect(judgeHealth(canary, health(0, 0))).toEqual({
      verdict: 'breach',
      reason:
        'alarm turnout-alerts-live-errors is in ALARM: Threshold Crossed: 1 datapoint [0.4] was greater than or equal to the threshold (0.01).',
    });
  });
});
