import type { GetMetricData } from '../../control-plane/deploy/read-metric-stats.ts';
import { type GatewayMetricsSource, readRequestCounts } from './gateway-metrics.ts';

export interface WatchedRegion {
  region: string;
  getMetricData: GetMetricData;
  source: GatewayMetricsSource;
}

export interface RequestsStopWatchOptions {
  switchedAt: number;
  /** How long to keep asking before saying the Regions still receive traffic. */
  watchMs: number;
  /**
   * How long after a period ends CloudWatch is trusted to have published it: a period
   * with no datapoint is only taken for "no requests" once this has passed.
   * @default 2 × the period (CloudWatch's standard metrics arrive within a minute or two)
   */
  settleMs?: number;
  /** @default a quarter of the period, at least 200 ms */
  pollMs?: number;
  /** Aborting stops the watch (Ctrl-C): the switch is done, only the figures are cut short. */
  signal?: AbortSignal;
}

export interface RequestsStopWatch {
  /**
   * After the switch, when the last of the Regions had its last request, at most: the end
   * of its last period with requests (CloudWatch's periods are the resolution). 0 when
   * none came from the period of the switch on.
   */
  stoppedAfterMs?: number;
  /**
   * The Regions still receiving requests when the watch ended: requests in a period that
   * began after the switch, and no settled quiet period since. Their latest count.
   */
  stillReceiving?: { region: string; requests: number; periodStartedAt: string }[];
  /**
   * The Regions CloudWatch could not yet tell about when the watch ended: no request seen
   * after the switch, but no period after it settled either (or only the switch's own
   * period busy, which holds requests from before the switch too).
   */
  notYetKnown?: string[];
  /** The width of a period: how precise `stoppedAfterMs` is. */
  resolutionMs: number;
  watchedMs: number;
  interrupted?: boolean;
}

/**
 * After a failover in AWS, where no front door tells: polls each turned-off Region's
 * gateway request count in CloudWatch until a settled period with no request follows its
 * last busy one, for every Region, or until `watchMs` is up.
 */
export async function watchRequestsStop(
  regions: readonly WatchedRegion[],
  options: RequestsStopWatchOptions,
): Promise<RequestsStopWatch> {
  const periodMs = Math.max(1, ...regions.map((r) => r.source.resolutionSeconds)) * 1000;
  const settleMs = options.settleMs ?? 2 * periodMs;
  const pollMs = options.pollMs ?? Math.max(200, periodMs / 4);
  const firstPeriod = Math.floor(options.switchedAt / periodMs) * periodMs;
  const deadline = options.switchedAt + options.watchMs;
  let standing: Standing[] = [];
  while (true) {
    const now = Date.now();
    standing = await Promise.all(
      regions.map(async (r) => {
        const counts = await readRequestCounts(r.getMetricData, r.source, firstPeriod, now);
        const busy = counts.filter((c) => c.requests > 0);
        const last = busy.at(-1);
        const quietFrom = last ? last.at + periodMs : firstPeriod;
        // The period after the last busy one must have ended and had time to be published.
        return {
          region: r.region,
          last,
          quietFrom,
          stopped: quietFrom + periodMs + settleMs <= now,
        };
      }),
    );
    if (standing.every((s) => s.stopped) || now >= deadline || options.signal?.aborted) break;
    await sleep(Math.min(pollMs, deadline - now), options.signal);
  }
  const watchedMs = Date.now() - options.switchedAt;
  const base = {
    resolutionMs: periodMs,
    watchedMs,
    ...(options.signal?.aborted ? { interrupted: true } : {}),
  };
  const receiving = standing.filter((s) => !s.stopped && s.last && s.last.at >= options.switchedAt);
  const unknown = standing.filter((s) => !s.stopped && !receiving.includes(s));
  if (receiving.length || unknown.length)
    return {
      ...base,
      ...(receiving.length
        ? {
            stillReceiving: receiving.map((s) => ({
              region: s.region,
              requests: s.last?.requests ?? 0,
              periodStartedAt: new Date(s.last?.at ?? firstPeriod).toISOString(),
            })),
          }
        : {}),
      ...(unknown.length ? { notYetKnown: unknown.map((s) => s.region) } : {}),
    };
  const stoppedAt = Math.max(...standing.map((s) => (s.last ? s.quietFrom : options.switchedAt)));
  return { ...base, stoppedAfterMs: Math.max(0, stoppedAt - options.switchedAt) };
}

interface Standing {
  region: string;
  last?: { at: number; requests: number };
  quietFrom: number;
  stopped: boolean;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
