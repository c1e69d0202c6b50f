/** Small measuring helpers shared by the benchmarks. */

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
}

/** Percentile of already-sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * Runs `task` `total` times with `concurrency` in flight, timing each call.
 * Bounded in count, so a benchmark always ends; with `timeLimitMs`, no call starts after
 * that long (`count` then says how many ran).
 */
export async function runLoad(
  task: () => Promise<unknown>,
  {
    total,
    concurrency,
    timeLimitMs = Number.POSITIVE_INFINITY,
  }: { total: number; concurrency: number; timeLimitMs?: number },
): Promise<LatencySummary> {
  const latencies: number[] = [];
  let started = 0;
  const begin = performance.now();
  const deadline = begin + timeLimitMs;
  const worker = async () => {
    while (started < total && performance.now() < deadline) {
      started++;
      const t0 = performance.now();
      await task();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - begin;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    perSecond: (latencies.length / elapsedMs) * 1000,
  };
}

export const ms = (value: number) => `${value.toFixed(3)} ms`;
export const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
