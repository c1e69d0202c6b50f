import { describe, expect, it } from 'vitest';
import { createCustomMetrics, type MetricDatum } from './custom-metrics.ts';

const T0 = Date.UTC(2026, 0, 1);
const dimensions = { FunctionName: 'turnout-alerts', ExecutedVersion: '3' };
const datum = (metricName: string, values: number[], atMs = T0): MetricDatum => ({
  namespace: 'Turnout/Modules',
  metricName,
  dimensions,
  values,
  timestampMs: atMs,
});
const query = { namespace: 'Turnout/Modules', dimensions, start: T0, end: T0 + 60_000 };

describe('createCustomMetrics', () => {
  it('sums, counts and ranks the values of a metric over a window', () => {
    const metrics = createCustomMetrics({ clock: { now: () => T0 } });
    metrics.put(datum('ServerErrors', [1]));
    metrics.put(datum('ServerErrors', [0, 1], T0 + 5_000));
    for (let ms = 1; ms <= 100; ms++) metrics.put(datum('Latency', [ms], T0 + 1_000));
    const read = (metricName: string, stat: 'Sum' | 'SampleCount' | 'p90') =>
      metrics.query({ ...query, metricName, stat }).values;
    expect(read('ServerErrors', 'Sum')).toEqual([2]);
    expect(read('ServerErrors', 'SampleCount')).toEqual([3]);
    const [p90] = read('Latency', 'p90');
    expect(p90).toBeGreaterThanOrEqual(89);
    expect(p90).toBeLessThanOrEqual(92);
  });

  it('cuts the window into periods and leaves out those without data', () => {
    const metrics = createCustomMetrics({ clock: { now: () => T0 } });
    metrics.put(datum('Requests', [1]));
    metrics.put(datum('Requests', [1, 1], T0 + 25_000));
    const series = metrics.query({ ...query, metricName: 'Requests', stat: 'Sum', period: 10 });
    expect(series.timestamps).toEqual([new Date(T0), new Date(T0 + 20_000)]);
    expect(series.values).toEqual([1, 2]);
  });

  it('knows a metric by its exact dimensions, as CloudWatch does', () => {
    const metrics = createCustomMetrics({ clock: { now: () => T0 } });
    metrics.put(datum('Requests', [1]));
    const other = { ...query, metricName: 'Requests', stat: 'Sum' as const };
    expect(
      metrics.query({ ...other, dimensions: { FunctionName: 'turnout-alerts' } }).values,
    ).toEqual([]);
    expect(
      metrics.query({ ...other, dimensions: { ...dimensions, ExecutedVersion: '4' } }).values,
    ).toEqual([]);
    expect(metrics.query({ ...other, namespace: 'Other' }).values).toEqual([]);
    expect(metrics.query(other).values).toEqual([1]);
  });

  it('forgets values older than the retention', () => {
    const clock = { now: () => T0 };
    const metrics = createCustomMetrics({ clock, retentionSeconds: 60 });
    metrics.put(datum('Requests', [1]));
    clock.now = () => T0 + 120_000;
    metrics.put(datum('Requests', [1], T0 + 120_000));
    const all = metrics.query({ ...query, metricName: 'Requests', stat: 'Sum', end: T0 + 200_000 });
    expect(all.values).toEqual([1]);
  });
});
