import { InvalidParameterValueError } from './errors.ts';

/** The `AWS/Lambda` metrics the local Lambda records. */
export type LambdaMetricName = 'Invocations' | 'Errors' | 'Throttles' | 'Duration';
/** CloudWatch statistics: `Sum`, `Average`, `Maximum`, `Minimum`, `SampleCount`, `p99`, `p50`, ... */
export type MetricStat = 'Sum' | 'Average' | 'Maximum' | 'Minimum' | 'SampleCount' | `p${number}`;

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
  durationCount: number;
  durationSum: number;
  durationMax: number;
  durationMin: number;
  /** Log-scale histogram of durations: bucket index -> count. */
  histogram: Map<number, number>;
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
    if (sample.durationMs !== undefined) addDuration(bucket, sample.durationMs);
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
    getMetricData: (input: GetMetricDataInput) => getMetricData(query, input),
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
  return {
    invocations: 0,
    errors: 0,
    throttles: 0,
    durationCount: 0,
    durationSum: 0,
    durationMax: Number.NEGATIVE_INFINITY,
    durationMin: Number.POSITIVE_INFINITY,
    histogram: new Map(),
  };
}

function bucketFor(s: Series, second: number): Bucket {
  const bucket = s.buckets.get(second);
  if (bucket) return bucket;
  const created = emptyBucket();
  s.buckets.set(second, created);
  return created;
}

// why: 2% wide log buckets from 1 µs keep p99 within 2% using a few hundred counters
const HISTOGRAM_BASE_MS = 0.001;
const HISTOGRAM_GROWTH = Math.log(1.02);

function addDuration(bucket: Bucket, ms: number): void {
  bucket.durationCount += 1;
  bucket.durationSum += ms;
  bucket.durationMax = Math.max(bucket.durationMax, ms);
  bucket.durationMin = Math.min(bucket.durationMin, ms);
  const index = Math.max(0, Math.ceil(Math.log(ms / HISTOGRAM_BASE_MS) / HISTOGRAM_GROWTH));
  bucket.histogram.set(index, (bucket.histogram.get(index) ?? 0) + 1);
}

function mergeInto(target: Bucket, source: Bucket): Bucket {
  target.invocations += source.invocations;
  target.errors += source.errors;
  target.throttles += source.throttles;
  target.durationCount += source.durationCount;
  target.durationSum += source.durationSum;
  target.durationMax = Math.max(target.durationMax, source.durationMax);
  target.durationMin = Math.min(target.durationMin, source.durationMin);
  for (const [index, count] of source.histogram) {
    target.histogram.set(index, (target.histogram.get(index) ?? 0) + count);
  }
  return target;
}

/**
 * A statistic as CloudWatch computes it over Lambda's per-invoke values: Invocations is 1 per
 * invoke, Errors is 1 or 0 per invoke (so its Average is the error rate), Throttles is 1 per
 * throttled invoke, Duration is milliseconds. Undefined when the period has no samples.
 */
function statOf(bucket: Bucket, metric: LambdaMetricName, stat: MetricStat): number | undefined {
  if (metric === 'Duration') return durationStat(bucket, stat);
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

function durationStat(bucket: Bucket, stat: MetricStat): number | undefined {
  if (bucket.durationCount === 0) return undefined;
  if (stat === 'Sum') return bucket.durationSum;
  if (stat === 'SampleCount') return bucket.durationCount;
  if (stat === 'Average') return bucket.durationSum / bucket.durationCount;
  if (stat === 'Maximum') return bucket.durationMax;
  if (stat === 'Minimum') return bucket.durationMin;
  return percentile(bucket, parsePercentile(stat));
}

function parsePercentile(stat: string): number {
  const p = Number(stat.slice(1));
  if (!stat.startsWith('p') || !(p > 0 && p <= 100)) {
    throw new InvalidParameterValueError(
      `Unsupported statistic ${stat}: use Sum, Average, Maximum, Minimum, SampleCount or pNN`,
    );
  }
  return p;
}

function percentile(bucket: Bucket, p: number): number {
  const rank = Math.ceil((p / 100) * bucket.durationCount);
  let seen = 0;
  for (const index of [...bucket.histogram.keys()].sort((a, b) => a - b)) {
    seen += bucket.histogram.get(index) ?? 0;
    if (seen >= rank) {
      const upper = HISTOGRAM_BASE_MS * Math.exp(index * HISTOGRAM_GROWTH);
      return Math.min(Math.max(upper, bucket.durationMin), bucket.durationMax);
    }
  }
  return bucket.durationMax;
}

/** CloudWatch's `GetMetricData` input, the part that matters for `AWS/Lambda` metrics. */
export interface GetMetricDataInput {
  MetricDataQueries: {
    Id: string;
    Label?: string;
    MetricStat: {
      Metric: {
        Namespace?: string;
        MetricName: string;
        Dimensions?: { Name: string; Value: string }[];
      };
      Period: number;
      Stat: string;
    };
  }[];
  StartTime: Date;
  EndTime: Date;
  ScanBy?: 'TimestampAscending' | 'TimestampDescending';
}

/** Answers a `GetMetricData` request from the local metrics, in CloudWatch's response shape. */
function getMetricData(query: (q: MetricQuery) => MetricSeries, input: GetMetricDataInput) {
  const MetricDataResults = input.MetricDataQueries.map(({ Id, Label, MetricStat }) => {
    const dims = new Map(MetricStat.Metric.Dimensions?.map((d) => [d.Name, d.Value]));
    const functionName = dims.get('FunctionName') ?? dims.get('Resource')?.split(':')[0] ?? '';
    const resource = dims.get('Resource');
    const series = query({
      functionName,
      version: dims.get('ExecutedVersion'),
      qualifier: resource?.includes(':') ? resource.split(':')[1] : undefined,
      metric: MetricStat.Metric.MetricName as LambdaMetricName,
      stat: MetricStat.Stat as MetricStat,
      start: input.StartTime,
      end: input.EndTime,
      period: MetricStat.Period,
    });
    const ascending = input.ScanBy === 'TimestampAscending';
    const order = <T>(xs: T[]) => (ascending ? xs : [...xs].reverse());
    return {
      Id,
      Label: Label ?? MetricStat.Metric.MetricName,
      Timestamps: order(series.timestamps),
      Values: order(series.values),
      StatusCode: 'Complete' as const,
    };
  });
  return { MetricDataResults, Messages: [] };
}
