import { InvalidParameterValueError } from './errors.ts';

/** CloudWatch statistics: `Sum`, `Average`, `Maximum`, `Minimum`, `SampleCount`, `p99`, `p50`, ... */
export type MetricStat = 'Sum' | 'Average' | 'Maximum' | 'Minimum' | 'SampleCount' | `p${number}`;

/**
 * The values of one metric within one period, kept as CloudWatch keeps them: count, sum,
 * extremes, and a histogram for percentiles.
 */
export interface ValueDistribution {
  count: number;
  sum: number;
  max: number;
  min: number;
  /** Log-scale histogram: bucket index -> count. */
  histogram: Map<number, number>;
}

export function emptyDistribution(): ValueDistribution {
  return {
    count: 0,
    sum: 0,
    max: Number.NEGATIVE_INFINITY,
    min: Number.POSITIVE_INFINITY,
    histogram: new Map(),
  };
}

// why: 2% wide log buckets from 1 µs keep p99 within 2% using a few hundred counters
const HISTOGRAM_BASE = 0.001;
const HISTOGRAM_GROWTH = Math.log(1.02);

export function addValue(distribution: ValueDistribution, value: number): void {
  distribution.count += 1;
  distribution.sum += value;
  distribution.max = Math.max(distribution.max, value);
  distribution.min = Math.min(distribution.min, value);
  // Zero and below (a count of no errors) share the first bucket.
  const index =
    value > HISTOGRAM_BASE ? Math.ceil(Math.log(value / HISTOGRAM_BASE) / HISTOGRAM_GROWTH) : 0;
  distribution.histogram.set(index, (distribution.histogram.get(index) ?? 0) + 1);
}

export function mergeDistribution(
  target: ValueDistribution,
  source: ValueDistribution,
): ValueDistribution {
  target.count += source.count;
  target.sum += source.sum;
  target.max = Math.max(target.max, source.max);
  target.min = Math.min(target.min, source.min);
  for (const [index, count] of source.histogram) {
    target.histogram.set(index, (target.histogram.get(index) ?? 0) + count);
  }
  return target;
}

/** A statistic of the values; undefined when there are none, as CloudWatch leaves the period out. */
export function statOfDistribution(
  distribution: ValueDistribution,
  stat: MetricStat,
): number | undefined {
  if (distribution.count === 0) return undefined;
  if (stat === 'Sum') return distribution.sum;
  if (stat === 'SampleCount') return distribution.count;
  if (stat === 'Average') return distribution.sum / distribution.count;
  if (stat === 'Maximum') return distribution.max;
  if (stat === 'Minimum') return distribution.min;
  return percentile(distribution, parsePercentile(stat));
}

export function parsePercentile(stat: string): number {
  const p = Number(stat.slice(1));
  if (!stat.startsWith('p') || !(p > 0 && p <= 100)) {
    throw new InvalidParameterValueError(
      `Unsupported statistic ${stat}: use Sum, Average, Maximum, Minimum, SampleCount or pNN`,
    );
  }
  return p;
}

function percentile(distribution: ValueDistribution, p: number): number {
  const rank = Math.ceil((p / 100) * distribution.count);
  let seen = 0;
  for (const index of [...distribution.histogram.keys()].sort((a, b) => a - b)) {
    seen += distribution.histogram.get(index) ?? 0;
    if (seen >= rank) {
      const upper =
        index === 0 ? distribution.min : HISTOGRAM_BASE * Math.exp(index * HISTOGRAM_GROWTH);
      return Math.min(Math.max(upper, distribution.min), distribution.max);
    }
  }
  return distribution.max;
}
