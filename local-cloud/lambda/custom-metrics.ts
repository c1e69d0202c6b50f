import type { MetricSeries } from './metrics.ts';
import {
  addValue,
  emptyDistribution,
  type MetricStat,
  mergeDistribution,
  statOfDistribution,
  type ValueDistribution,
} from './value-distribution.ts';

/** Values of one metric at one time, as a function's EMF log line gives them. */
export interface MetricDatum {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  values: number[];
  timestampMs: number;
}

/** One `GetMetricData` `MetricStat` on a custom namespace. */
export interface CustomMetricQuery {
  namespace: string;
  metricName: string;
  /** The metric's whole dimension set: as in CloudWatch, a subset names another metric. */
  dimensions: Record<string, string>;
  stat: MetricStat;
  start: Date | number;
  end: Date | number;
  /** Seconds per datapoint; the whole range when left out. */
  period?: number;
}

export interface CustomMetricsOptions {
  clock?: { now(): number };
  /** @default 10_800 (three hours, what CloudWatch keeps of one-second data) */
  retentionSeconds?: number;
}

export type CustomMetrics = ReturnType<typeof createCustomMetrics>;

/**
 * The metrics functions write to their logs in Embedded Metric Format, kept per second
 * and read the way CloudWatch serves a custom namespace: a metric is its namespace, name
 * and exact set of dimensions.
 *
 * @example
 * const metrics = createCustomMetrics();
 * metrics.put({ namespace: 'Turnout/Modules', metricName: 'Requests', dimensions: { FunctionName: 'f' }, values: [1], timestampMs: Date.now() });
 */
export function createCustomMetrics(options: CustomMetricsOptions = {}) {
  const clock = options.clock ?? Date;
  const retention = options.retentionSeconds ?? 10_800;
  /** Per metric, its values by epoch second. */
  const series = new Map<string, Map<number, ValueDistribution>>();
  let lastPrunedSecond = 0;

  function put(datum: MetricDatum): void {
    pruneOnceASecond();
    const key = metricKey(datum.namespace, datum.metricName, datum.dimensions);
    let seconds = series.get(key);
    if (!seconds) {
      seconds = new Map();
      series.set(key, seconds);
    }
    const second = Math.floor(datum.timestampMs / 1000);
    let values = seconds.get(second);
    if (!values) {
      values = emptyDistribution();
      seconds.set(second, values);
    }
    for (const value of datum.values) addValue(values, value);
  }

  function pruneOnceASecond(): void {
    const now = Math.floor(clock.now() / 1000);
    if (now === lastPrunedSecond) return;
    lastPrunedSecond = now;
    for (const seconds of series.values()) {
      for (const second of seconds.keys()) if (second < now - retention) seconds.delete(second);
    }
  }

  function query(q: CustomMetricQuery): MetricSeries {
    const start = Math.floor(toMillis(q.start) / 1000);
    const end = Math.ceil(toMillis(q.end) / 1000);
    const period = Math.max(1, Math.floor(q.period ?? end - start));
    const slots = new Map<number, ValueDistribution>();
    const seconds = series.get(metricKey(q.namespace, q.metricName, q.dimensions));
    for (const [second, values] of seconds ?? []) {
      if (second < start || second >= end) continue;
      const slot = start + Math.floor((second - start) / period) * period;
      slots.set(slot, mergeDistribution(slots.get(slot) ?? emptyDistribution(), values));
    }
    const result: MetricSeries = { label: `${q.metricName} ${q.stat}`, timestamps: [], values: [] };
    for (const slot of [...slots.keys()].sort((a, b) => a - b)) {
      const value = statOfDistribution(slots.get(slot) as ValueDistribution, q.stat);
      if (value === undefined) continue;
      result.timestamps.push(new Date(slot * 1000));
      result.values.push(value);
    }
    return result;
  }

  return { put, query };
}

function metricKey(namespace: string, name: string, dimensions: Record<string, string>): string {
  const dims = Object.entries(dimensions)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  return [namespace, name, ...dims].join('\0');
}

function toMillis(time: Date | number): number {
  return typeof time === 'number' ? time : time.getTime();
}
