/** What one Region's gateway did with the requests the front door sent it. */
export interface RegionTraffic {
  region: string;
  forwarded: number;
  /** Answers of 5xx, and requests with no answer. */
  failed: number;
  /** Requests that failed here and were sent to another Region. */
  retriedElsewhere: number;
  lastForwardedAt?: number;
  /** Over the last `windowMs`: the share of failed requests and the latency percentiles. */
  recent: { requests: number; errorRate: number; p50Ms?: number; p99Ms?: number };
}

/** Per Region counts and a sliding window of latencies, for `turnout regions` and failover. */
export function createTrafficStats(regions: readonly string[], windowMs = 60_000) {
  const totals = new Map(
    regions.map((region) => [
      region,
      {
        forwarded: 0,
        failed: 0,
        retriedElsewhere: 0,
        lastForwardedAt: undefined as number | undefined,
      },
    ]),
  );
  const samples = new Map<string, { at: number; ms: number; failed: boolean }[]>(
    regions.map((r) => [r, []]),
  );

  function record(region: string, ms: number, failed: boolean, retried: boolean): void {
    const total = totals.get(region);
    const window = samples.get(region);
    if (!total || !window) return;
    const now = Date.now();
    total.forwarded++;
    total.lastForwardedAt = now;
    if (failed) total.failed++;
    if (retried) total.retriedElsewhere++;
    window.push({ at: now, ms, failed });
    while (window.length > 0 && (window[0]?.at ?? now) < now - windowMs) window.shift();
  }

  function read(region: string): RegionTraffic {
    const total = totals.get(region) ?? { forwarded: 0, failed: 0, retriedElsewhere: 0 };
    const cutoff = Date.now() - windowMs;
    const window = (samples.get(region) ?? []).filter((s) => s.at >= cutoff);
    const sorted = window.map((s) => s.ms).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return {
      region,
      ...total,
      recent: {
        requests: window.length,
        errorRate: window.length ? window.filter((s) => s.failed).length / window.length : 0,
        p50Ms: at(0.5),
        p99Ms: at(0.99),
      },
    };
  }

  return { record, read };
}
