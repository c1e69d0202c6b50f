import {
  HEALTH_TOKEN_HEADER,
  type HealthSample,
  type HealthSamplesAnswer,
} from '../../contracts/health-samples.ts';
import type { HealthSource, VersionHealth } from './version-health.ts';

/**
 * Health as clients saw it: the per-version samples every gateway records of its
 * invokes, read from its `/_turnout/health` route with the gateways' health token (they
 * answer 401 or 403 without it). Give every gateway instance's URL; their samples add up
 * bucket by bucket.
 */
export function gatewayHealthSource({
  urls,
  token,
  fetch: fetchImpl = fetch,
}: {
  urls: readonly string[];
  /** The gateways' `healthToken` (`TURNOUT_HEALTH_TOKEN`); `turnout dev` writes its own to .turnout/endpoints.json. */
  token: string | undefined;
  fetch?: typeof fetch;
}): HealthSource {
  return {
    name: 'gateway',
    async read({ functionName, version, sinceMs, untilMs }): Promise<VersionHealth> {
      const answers = await Promise.all(
        urls.map((url) => readGatewaySamples(fetchImpl, url, token, functionName, sinceMs)),
      );
      const samples = answers.flatMap((a) =>
        a.samples
          .filter((s) => s.version === version && s.timestamp <= untilMs)
          .map((s) => ({ s, bounds: a.latencyBucketBoundsMs })),
      );
      return summarize(samples);
    },
  };
}

/** One gateway's samples of one function since a time: what the bake and `turnout cells` read. */
export async function readGatewaySamples(
  fetchImpl: typeof fetch,
  url: string,
  token: string | undefined,
  functionName: string,
  sinceMs: number,
) {
  // Samples are per second: ask from the start of the second the window opens in.
  const since = Math.floor(sinceMs / 1000) * 1000;
  const query = new URLSearchParams({ functionName, since: String(since) });
  const answer = await fetchImpl(`${url.replace(/\/$/, '')}/_turnout/health?${query}`, {
    headers: healthTokenHeaders(token),
    signal: AbortSignal.timeout(2_000),
  });
  if (answer.status === 401 || answer.status === 403)
    throw new Error(
      `the gateway at ${url} refused its health samples (${answer.status}): give the pipeline the gateways' health token (TURNOUT_HEALTH_TOKEN)`,
    );
  if (!answer.ok)
    throw new Error(`the gateway at ${url} answered ${answer.status} for its health samples`);
  return (await answer.json()) as HealthSamplesAnswer;
}

/** The header that carries the token, when there is one. */
export function healthTokenHeaders(token: string | undefined): Record<string, string> {
  return token ? { [HEALTH_TOKEN_HEADER]: token } : {};
}

function summarize(samples: { s: HealthSample; bounds: readonly number[] }[]): VersionHealth {
  const buckets: number[] = [];
  let bounds: readonly number[] = [];
  const health = { invocations: 0, errors: 0, throttles: 0, badResponses: 0 };
  let badResponse: string | undefined;
  for (const { s, bounds: b } of samples) {
    health.invocations += s.invokes - s.throttles;
    health.errors += s.errors;
    health.throttles += s.throttles;
    health.badResponses += s.badResponses ?? 0;
    badResponse = s.badResponse ?? badResponse;
    s.latencyBuckets.forEach((count, i) => {
      buckets[i] = (buckets[i] ?? 0) + count;
    });
    bounds = b;
  }
  return {
    ...health,
    ...(badResponse === undefined ? {} : { badResponse }),
    p90Ms: percentileFromBuckets(buckets, bounds, 90),
    p99Ms: percentileFromBuckets(buckets, bounds, 99),
  };
}

/** The upper bound of the bucket holding the percentile: a conservative figure. */
function percentileFromBuckets(
  buckets: number[],
  bounds: readonly number[],
  percentile: number,
): number | undefined {
  const total = buckets.reduce((a, b) => a + (b ?? 0), 0);
  if (total === 0) return undefined;
  const rank = Math.ceil((total * percentile) / 100);
  let seen = 0;
  for (const [i, count] of buckets.entries()) {
    seen += count ?? 0;
    if (seen >= rank) return bounds[i] ?? (bounds.at(-1) ?? 0) * 2;
  }
  return undefined;
}
