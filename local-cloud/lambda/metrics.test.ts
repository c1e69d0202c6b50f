import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

function fixedClock(start: number) {
  const clock = { time: start, now: () => clock.time };
  return clock;
}

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const window = { start: T0, end: T0 + 60_000 };

describe('metrics', () => {
  it('counts invocations, errors and throttles per executed version', () => {
    const metrics = createMetrics({ clock: fixedClock(T0) });
    const base = { functionName: 'orders', qualifier: 'live' };
    metrics.record({ ...base, version: '1', outcome: 'success', durationMs: 2 });
    metrics.record({ ...base, version: '2', outcome: 'error', durationMs: 3 });
    metrics.record({ ...base, version: '2', outcome: 'success', durationMs: 4 });
    metrics.record({ ...base, version: '2', outcome: 'throttle' });
    const q = (
      version: string,
      metric: 'Invocations' | 'Errors' | 'Throttles',
      stat: 'Sum' | 'Average',
    ) => metrics.query({ functionName: 'orders', version, metric, stat, ...window }).values;
    expect(q('1', 'Invocations', 'Sum')).toEqual([1]);
    expect(q('2', 'Invocations', 'Sum')).toEqual([2]);
    expect(q('2', 'Errors', 'Sum')).toEqual([1]);
    expect(q('2', 'Errors', 'Average')).toEqual([0.5]);
    expect(q('2', 'Throttles', 'Sum')).toEqual([1]);
    expect(q('1', 'Errors', 'Sum')).toEqual([0]);
  });

  it('gives sum, average, maximum and p99 of durations', () => {
    const metrics = createMetrics({ clock: fixedClock(T0) });
    for (let ms = 1; ms <= 100; ms++) {
      metrics.record({
        functionName: 'f',
        qualifier: '$LATEST',
        version: '$LATEST',
        outcome: 'success',
        durationMs: ms,
      });
    }
    const stat = (s: 'Sum' | 'Average' | 'Maximum' | 'p99' | 'p50') =>
      metrics.query({ functionName: 'f', metric: 'Duration', stat: s, ...window }).values[0] ?? 0;
    expect(stat('Sum')).toBe(5050);
    expect(stat('Average')).toBe(50.5);
    expect(stat('Maximum')).toBe(100);
    expect(stat('p99')).toBeGreaterThanOrEqual(98);
    expect(stat('p99')).toBeLessThanOrEqual(100);
    expect(stat('p50')).toBeCloseTo(50, -0.5);
  });

  it('cuts the range into periods and leaves out the empty ones, as CloudWatch does', () => {
    const clock = fixedClock(T0);
    const metrics = createMetrics({ clock });
    const sample = { functionName: 'f', qualifier: '1', version: '1', outcome: 'success' as const };
    metrics.record(sample);
    clock.time = T0 + 25_000;
    metrics.record(sample);
    metrics.record(sample);
    const series = metrics.query({
      functionName: 'f',
      metric: 'Invocations',
      stat: 'Sum',
      period: 10,
      ...window,
    });
    expect(series.timestamps).toEqual([new Date(T0), new Date(T0 + 20_000)]);
    expect(series.values).toEqual([1, 2]);
  });

  it('answers a GetMetricData request with the AWS/Lambda dimensions', () => {
    const metrics = createMetrics({ clock: fixedClock(T0) });
    metrics.record({
      functionName: 'orders',
      qualifier: 'live',
      version: '3',
      outcome: 'error',
      durationMs: 1,
    });
    const { MetricDataResults } = metrics.getMetricData({
      StartTime: new Date(window.start),
      EndTime: new Date(window.end),
      MetricDataQueries: [
        {
          Id: 'errors',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/Lambda',
              MetricName: 'Errors',
              Dimensions: [
                { Name: 'FunctionName', Value: 'orders' },
                { Name: 'Resource', Value: 'orders:live' },
                { Name: 'ExecutedVersion', Value: '3' },
              ],
            },
            Period: 60,
            Stat: 'Sum',
          },
        },
      ],
    });
    expect(MetricDataResults).toEqual([
      {
        Id: 'errors',
        Label: 'Errors',
        Timestamps: [new Date(T0)],
        Values: [1],
        StatusCode: 'Complete',
      },
    ]);
  });

  it('forgets samples older than the retention', () => {
    const clock = fixedClock(T0);
    const metrics = createMetrics({ clock, retentionSeconds: 60 });
    const sample = { functionName: 'f', qualifier: '1', version: '1', outcome: 'success' as const };
    metrics.record(sample);
    clock.time = T0 + 120_000;
    metrics.record(sample);
    const all = metrics.query({
      functionName: 'f',
      metric: 'Invocations',
      stat: 'Sum',
      start: T0,
      end: clock.time + 1000,
    });
    expect(all.values).toEqual([1]);
  });
});
