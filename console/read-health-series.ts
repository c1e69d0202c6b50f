import type { HealthSource } from '../control-plane/deploy/version-health.ts';
import { readVersionHealth, type VersionHealthView } from './read-version-health.ts';

/** One version's health in one time bucket: a point of the deployment's charts. */
export interface HealthPoint {
  /** The bucket's start, epoch seconds (what uPlot's time axis takes). */
  t: number;
  requestsPerSecond: number;
  errorRate: number;
  p90Ms: number | null;
  p99Ms: number | null;
}

export interface HealthSeries {
  bucketMs: number;
  /** Per version, one point per bucket, oldest first. */
  versions: Record<string, HealthPoint[]>;
}

/** At most this many buckets: a long deployment gets wider ones. */
const MAX_BUCKETS = 150;
const MIN_BUCKET_MS = 2_000;

/**
 * Reads the charts of a deployment: per version, per time bucket from `fromMs` to now,
 * from the same health sources the bake judges on. Buckets that have closed never
 * change, so they are read once and kept: each refresh reads only the open one.
 */
export function createHealthSeriesReader(sources: readonly HealthSource[]) {
  const closed = new Map<string, HealthPoint>();
  return async function readHealthSeries(query: {
    functionName: string;
    versions: readonly string[];
    fromMs: number;
    toMs: number;
  }): Promise<HealthSeries> {
    const span = Math.max(0, query.toMs - query.fromMs);
    const bucketMs = Math.max(MIN_BUCKET_MS, Math.ceil(span / MAX_BUCKETS / 1000) * 1000);
    const first = Math.floor(query.fromMs / bucketMs) * bucketMs;
    const starts: number[] = [];
    for (let start = first; start < query.toMs; start += bucketMs) starts.push(start);
    const versions: Record<string, HealthPoint[]> = {};
    for (const version of query.versions) {
      versions[version] = await Promise.all(
        starts.map(async (start) => {
          const key = `${query.functionName}:${version}:${start}:${bucketMs}`;
          const kept = closed.get(key);
          if (kept) return kept;
          const end = Math.min(start + bucketMs, query.toMs);
          const health = await readVersionHealth(sources, {
            functionName: query.functionName,
            version,
            sinceMs: start,
            untilMs: end - 1,
          });
          const point = pointOf(start, end - start, health);
          // Kept once a margin past its end: the gateways' last second may still be counting.
          if (start + bucketMs + 2_000 < query.toMs && !health.error) closed.set(key, point);
          return point;
        }),
      );
    }
    return { bucketMs, versions };
  };
}

function pointOf(start: number, lengthMs: number, health: VersionHealthView): HealthPoint {
  return {
    t: start / 1000,
    requestsPerSecond: health.requests / Math.max(1, lengthMs / 1000),
    errorRate: health.errorRate,
    p90Ms: health.p90Ms ?? null,
    p99Ms: health.p99Ms ?? null,
  };
}
