import { answerGetMetricData, type GetMetricDataInput } from './get-metric-data.ts';
import {
  addValue,
  emptyDistribution,
  type MetricStat,
  mergeDistribution,
  statOfDistribution,
  type ValueDistribution,
} from './value-distribution.ts';

export type { MetricStat } from './value-distribution.ts';

/** The `AWS/Lambda` metrics the local Lambda records. */
export type LambdaMetricName = 'Invocations' | 'Errors' | 'Throttles' | 'Duration';

/** One invoke's outcome, as the invoke path reports it. */
export interface InvokeSample {
  functionName: string;
  /** What the caller named: `$LATEST`, a version or an alias (CloudWatch's `Resource`). */
  qualifier: string;
  /** The version that ran (CloudWatch's `ExecutedVersion`). */
  version: string;
  outcome: 'success' | 'error' | 'throttle';
  durationMs?: number;
}

/**
 * A query shaped after one CloudWatch `GetMetricData` `MetricStat`: the dimensions
 * (`FunctionName`, `Resource`, `ExecutedVersion`) narrow the series, `period` cuts the
 * range into datapoints (the whole range when left out).
 */
export interface MetricQuery {
  functionName: string;
  /** `ExecutedVersion`. */
  version?: string;
  /** `Resource` without the function name: an alias, a version or `$LATEST`. */
  qualifier?: string;
  metric: LambdaMetricName;
  stat: MetricStat;
  start: Date | number;
  end: Date | number;
  /** Seconds per datapoint. */
  period?: number;
}

/** The shape of one CloudWatch `MetricDataResult`; periods without data are left out, as there. */
export interface MetricSeries {
  label: string;
  timestamps: Date[];
  values: number[];
}

interface Bucket {
  invocations: number;
  errors: number;
  throttles: number;
  durations: ValueDistribution;
}

interface Series {
  functionName: string;
  qualifier: string;
  version: string;
  /** Per-second buckets by epoch second. */
  buckets: Map<number, Bucket>;
}

export interface MetricsOptions {
  clock?: { now(): number };
  /** @default 10_800 (three hours) */
  retentionSeconds?: number;
}

export type LambdaMetrics = ReturnType<typeof createMetrics>;

/**
 * Per-second, per-version invoke metrics, read the way CloudWatch serves `AWS/Lambda`: the
 * deployment monitor asks the same questions here and in AWS.
 *
 * @example
 * const metrics = createMetrics();
 * metrics.record({ functionName: 'orders', qualifier: 'live', version: '2', outcome: 'success', durationMs: 3 });
 * metrics.query({ functionName: 'orders', version: '2', metric: 'Invocations', stat: 'Sum', start, end });
 */
export function createMetrics(options: MetricsOptions = {}) {
  const clock = options.clock ?? Date;
  const retention = options.retentionSeconds ?? 10_800;
  const series = new Map<string, Series>();
  let lastPrunedSecond = 0;

  function record(sample: InvokeSample): void {
    const second = Math.floor(clock.now() / 1000);
    if (second !== lastPrunedSecond) {
      lastPrunedSecond = second;
      prune(second - retention);
    }
    const bucket = bucketFor(seriesFor(sample), second);
    if (sample.outcome === 'throttle') {
      bucket.throttles += 1;
      return;
    }
    bucket.invocations += 1;
    if (sample.outcome === 'error') bucket.errors += 1;
    if (sample.durationMs !== undefined) addValue(bucket.durations, sample.durationMs);
  }

  function seriesFor(sample: InvokeSample): Series {
    const key = `${sample.functionName}\0${sample.qualifier}\0${sample.version}`;
    let found = series.get(key);
    if (!found) {
      const { functionName, qualifier, version } = sample;
      found = { functionName, qualifier, version, buckets: new Map() };
      series.set(key, found);
    }
    return found;
  }

  function prune(oldestSecond: number): void {
    for (const s of series.values()) {
      for (const second of s.buckets.keys()) if (second < oldestSecond) s.buckets.delete(second);
    }
  }

  function query(q: MetricQuery): MetricSeries {
    const start = Math.floor(toMillis(q.start) / 1000);
    const end = Math.ceil(toMillis(q.end) / 1000);
    const period = Math.max(1, Math.floor(q.period ?? end - start));
    const merged = new Map<number, Bucket>();
    for (const s of series.values()) {
      if (!matches(s, q)) continue;
      for (const [second, bucket] of s.buckets) {
        if (second < start || second >= end) continue;
        const slot = start + Math.floor((second - start) / period) * period;
        merged.set(slot, mergeInto(merged.get(slot) ?? emptyBucket(), bucket));
      }
    }
    const result: MetricSeries = { label: `${q.metric} ${q.stat}`, timestamps: [], values: [] };
    for (const slot of [...merged.keys()].sort((a, b) => a - b)) {
      const value = statOf(merged.get(slot) as Bucket, q.metric, q.stat);
      if (value === undefined) continue;
      result.timestamps.push(new Date(slot * 1000));
      result.values.push(value);
    }
    return result;
  }

  return {
    record,
    query,
    /** CloudWatch's GetMetricData over `AWS/Lambda` alone; the local Lambda's own answers both namespaces. */
    getMetricData: (input: GetMetricDataInput) => answerGetMetricData(input, { lambda: query }),
  };
}

function matches(s: Series, q: MetricQuery): boolean {
  return (
    s.functionName === q.functionName &&
    (q.version === undefined || s.version === q.version) &&
    (q.qualifier === undefined || s.qualifier === q.qualifier)
  );
}

function toMillis(time: Date | number): number {
  return typeof time === 'number' ? time : time.getTime();
}

function emptyBucket(): Bucket {
  return { invocations: 0, errors: 0, throttles: 0, durations: emptyDistribution() };
}

function bucketFor(s: Series, second: number): Bucket {
  const bucket = s.buckets.get(second);
  if (bucket) return bucket;
  const created = emptyBucket();
  s.buckets.set(second, created);
  return created;
}

function mergeInto(target: Bucket, source: Bucket): Bucket {
  target.invocations += source.invocations;
  target.errors += source.errors;
  target.throttles += source.throttles;
  mergeDistribution(target.durations, source.durations);
  return target;
}

/**
 * A statistic as CloudWatch computes it over Lambda's per-invoke values: Invocations is 1 per
 * invoke, Errors is 1 or 0 per invoke (so its Average is the error rate), Throttles is 1 per
 * throttled invoke, Duration is milliseconds. Undefined when the period has no samples.
 */
function statOf(bucket: Bucket, metric: LambdaMetricName, stat: MetricStat): number | undefined {
  if (metric === 'Duration') return statOfDistribution(bucket.durations, stat);
  const [sum, count] =
    metric === 'Invocations'
      ? [bucket.invocations, bucket.invocations]
      : metric === 'Errors'
        ? [bucket.errors, bucket.invocations]
        : [bucket.throttles, bucket.throttles];
  if (count === 0) return undefined;
  if (stat === 'Sum') return sum;
  if (stat === 'SampleCount') return count;
  if (stat === 'Average') return sum / count;
  if (stat === 'Maximum') return sum > 0 ? 1 : 0;
  if (stat === 'Minimum') return sum === count ? 1 : 0;
  return sum > 0 ? 1 : 0;
}
