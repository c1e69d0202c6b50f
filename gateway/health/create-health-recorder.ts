import { type HealthSample, UNKNOWN_VERSION } from '../../contracts/health-samples.ts';
import type { Clock } from '../types.ts';
import {
  LATENCY_BUCKET_BOUNDS_MS,
  LATENCY_BUCKET_COUNT,
  latencyBucketIndex,
} from './latency-buckets.ts';

/**
 * How one invoke ended, as the deployment monitor counts it: a `bad-response` (an
 * answer that breaks the graphlet contract) is an error of its own kind.
 */
export type InvokeOutcome = 'ok' | 'error' | 'bad-response' | 'timeout' | 'throttle';

export interface HealthQuery {
  functionName?: string;
  /** Only samples whose second starts at or after this (epoch ms). */
  since?: number;
}

export interface HealthRecord {
  module: string;
  functionName: string;
  /** The cell the function serves, for a cellular module. */
  cell?: string | undefined;
  version: string | undefined;
  latencyMs: number;
  outcome: InvokeOutcome;
  /** For a `bad-response`: what in the answer broke the contract. */
  violation?: string | undefined;
}

export interface HealthRecorder {
  record(entry: HealthRecord): void;
  query(filter?: HealthQuery): HealthSample[];
  readonly latencyBucketBoundsMs: readonly number[];
}

export interface HealthRecorderOptions {
  clock: Clock;
  /** Samples older than this are dropped. @default 900 (15 minutes) */
  retentionSeconds?: number;
}

/**
 * Counts every invoke per function, per executed version, per second: what the
 * deployment monitor reads to judge a canary (docs/ARCHITECTURE.md, contract 5).
 *
 * @example
 * const health = createHealthRecorder({ clock: systemClock });
 * health.record({ module: 'titles', functionName: 'turnout-titles', version: '3', latencyMs: 4, outcome: 'ok' });
 * health.query({ functionName: 'turnout-titles', since: Date.now() - 60_000 });
 */
export function createHealthRecorder(options: HealthRecorderOptions): HealthRecorder {
  const retentionMs = (options.retentionSeconds ?? 900) * 1000;
  const byFunction = new Map<string, Map<string, HealthSample[]>>();

  const record = (entry: HealthRecord) => {
    const timestamp = Math.floor(options.clock.now() / 1000) * 1000;
    const sample = currentSample(byFunction, entry, timestamp, retentionMs);
    sample.invokes += 1;
    if (entry.outcome !== 'ok' && entry.outcome !== 'throttle') sample.errors += 1;
    if (entry.outcome === 'timeout') sample.timeouts += 1;
    if (entry.outcome === 'bad-response') {
      sample.badResponses = (sample.badResponses ?? 0) + 1;
      sample.badResponse = entry.violation;
    }
    if (entry.outcome === 'throttle') sample.throttles += 1;
    sample.latencySumMs += entry.latencyMs;
    const bucket = latencyBucketIndex(entry.latencyMs);
    sample.latencyBuckets[bucket] = (sample.latencyBuckets[bucket] ?? 0) + 1;
  };

  const query = (filter: HealthQuery = {}) => {
    const since = filter.since ?? 0;
    const functions = filter.functionName
      ? [byFunction.get(filter.functionName)]
      : [...byFunction.values()];
    const samples: HealthSample[] = [];
    for (const versions of functions) {
      for (const series of versions?.values() ?? []) {
        for (const sample of series)
          if (sample.timestamp >= since) samples.push(copySample(sample));
      }
    }
    return samples.sort((a, b) => a.timestamp - b.timestamp);
  };

  return { record, query, latencyBucketBoundsMs: LATENCY_BUCKET_BOUNDS_MS };
}

function currentSample(
  byFunction: Map<string, Map<string, HealthSample[]>>,
  entry: HealthRecord,
  timestamp: number,
  retentionMs: number,
): HealthSample {
  let versions = byFunction.get(entry.functionName);
  if (!versions) {
    versions = new Map();
    byFunction.set(entry.functionName, versions);
  }
  const version = entry.version ?? UNKNOWN_VERSION;
  let series = versions.get(version);
  if (!series) {
    series = [];
    versions.set(version, series);
  }
  const last = series[series.length - 1];
  if (last && last.timestamp === timestamp) return last;
  // A new second began for this version: drop what fell out of the retention window.
  while (series.length > 0 && (series[0]?.timestamp ?? 0) < timestamp - retentionMs) series.shift();
  const sample = emptySample(entry, version, timestamp);
  series.push(sample);
  return sample;
}

function emptySample(entry: HealthRecord, version: string, timestamp: number): HealthSample {
  return {
    functionName: entry.functionName,
    module: entry.module,
    ...(entry.cell === undefined ? {} : { cell: entry.cell }),
    version,
    timestamp,
    invokes: 0,
    errors: 0,
    timeouts: 0,
    badResponses: 0,
    throttles: 0,
    latencySumMs: 0,
    latencyBuckets: new Array<number>(LATENCY_BUCKET_COUNT).fill(0),
  };
}

function copySample(sample: HealthSample): HealthSample {
  return { ...sample, latencyBuckets: [...sample.latencyBuckets] };
}
