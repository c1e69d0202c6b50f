/** What the front door knows of a Region when it picks where a request goes. */
export interface RegionStanding {
  region: string;
  /** Its routing control is On. */
  on: boolean;
  healthy: boolean;
  /** Smoothed round-trip time to its gateway (ms), when a check has passed. */
  rttMs?: number;
}

/**
 * The Regions to try for one request, best first: the client's home Region when it can
 * take traffic, then the others by round-trip time, as latency routing would; only
 * Regions whose routing control is On and whose health check passes. When none passes,
 * the ones On are tried anyway, as Route 53 answers with every record when all of their
 * health checks fail ("fails open").
 */
export function chooseRegions(standings: readonly RegionStanding[], home?: string): string[] {
  const byRtt = [...standings].sort(
    (a, b) => (a.rttMs ?? Number.POSITIVE_INFINITY) - (b.rttMs ?? Number.POSITIVE_INFINITY),
  );
  const ordered = home
    ? [...byRtt.filter((s) => s.region === home), ...byRtt.filter((s) => s.region !== home)]
    : byRtt;
  const available = ordered.filter((s) => s.on && s.healthy);
  const chosen = available.length > 0 ? available : ordered.filter((s) => s.on);
  return chosen.map((s) => s.region);
}
