/** How the front door checks each Region's gateway, as Route 53 health checks do. */
export interface HealthCheckOptions {
  /** Between checks. Route 53 offers 10 s or 30 s. @default 1000 */
  intervalMs?: number;
  /** Consecutive failures that take a Region out (and successes that bring it back). Route 53: 1 to 10, 3 by default. @default 2 */
  failureThreshold?: number;
  /** A check slower than this fails. Route 53 waits 4 s for a connection. @default 1000 */
  timeoutMs?: number;
  /** @default '/_turnout/live' */
  path?: string;
}

export interface RegionHealth {
  region: string;
  healthy: boolean;
  /** Consecutive results against the current state. */
  streak: number;
  /** The last checks' round-trip time (ms), smoothed: what latency routing compares. */
  rttMs?: number;
  lastCheckAt?: number;
  /** When the state last changed: a Region's detection time. */
  changedAt?: number;
  lastError?: string;
}

/**
 * Checks each Region's gateway every `intervalMs` with a GET of `path`: a 2xx or 3xx
 * within `timeoutMs` passes. A Region changes state after `failureThreshold` results in
 * a row against it, as Route 53 decides; each starts healthy, as Route 53 starts a new
 * check. The round-trip times stand in for latency routing's measurements.
 */
export function createRegionHealthChecks(
  gateways: readonly { region: string; url: string }[],
  options: HealthCheckOptions = {},
  onChange: (health: RegionHealth) => void = () => {},
) {
  const intervalMs = options.intervalMs ?? 1_000;
  const threshold = options.failureThreshold ?? 2;
  const timeoutMs = options.timeoutMs ?? 1_000;
  const path = options.path ?? '/_turnout/live';
  const states = new Map<string, RegionHealth>(
    gateways.map(({ region }) => [region, { region, healthy: true, streak: 0 }]),
  );

  async function check({ region, url }: { region: string; url: string }): Promise<void> {
    const state = states.get(region) as RegionHealth;
    const started = performance.now();
    let passed = false;
    try {
      const response = await fetch(new URL(path, url), { signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      passed = response.status >= 200 && response.status < 400;
      if (!passed) state.lastError = `HTTP ${response.status}`;
    } catch (error) {
      state.lastError = (error as Error).message;
    }
    const rtt = performance.now() - started;
    state.lastCheckAt = Date.now();
    if (passed) state.rttMs = state.rttMs === undefined ? rtt : state.rttMs * 0.7 + rtt * 0.3;
    if (passed === state.healthy) {
      state.streak = 0;
      return;
    }
    state.streak++;
    if (state.streak >= threshold) {
      state.healthy = passed;
      state.streak = 0;
      state.changedAt = Date.now();
      onChange({ ...state });
    }
  }

  let running = true;
  const loops = gateways.map(async (gateway) => {
    while (running) {
      const started = Date.now();
      await check(gateway);
      await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - (Date.now() - started))));
    }
  });
  return {
    get: (region: string) => states.get(region),
    all: () => [...states.values()].map((s) => ({ ...s })),
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}
