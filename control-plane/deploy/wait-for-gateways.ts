import { setTimeout as sleep } from 'node:timers/promises';
import type { HealthSamplesAnswer } from '../../contracts/health-samples.ts';
import { healthTokenHeaders } from './gateway-health-source.ts';

/** How often the gateways are asked: a small GET to our own gateways, cheap to repeat. */
const POLL_MS = 200;

export interface GatewayLag {
  url: string;
  /** The generation it served when we gave up, or why it did not answer. */
  serving: string;
}

/**
 * Waits until every gateway serves `generation` or a later one, as its health route
 * says, so that traffic moves only once the gateways know both versions' schemas.
 * Each gateway polls the registry on its own; a gateway that does not answer counts as
 * not there yet. A URL in front of many instances (the gateway Lambda's) answers for
 * whichever instance took the request: give each instance's URL where there are such.
 *
 * @returns the gateways still behind when `timeoutMs` ran out (empty: all caught up)
 * @throws the signal's reason when it aborts
 */
export async function waitForGateways({
  urls,
  token,
  generation,
  timeoutMs,
  signal,
  fetch: fetchImpl = fetch,
  clock = Date,
}: {
  urls: readonly string[];
  /** The gateways' health token: their health route says the generation only to its holders. */
  token?: string;
  generation: number;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  clock?: { now(): number };
}): Promise<GatewayLag[]> {
  const deadline = clock.now() + timeoutMs;
  let behind = urls.map((url) => ({ url, serving: 'not asked yet' }));
  for (;;) {
    signal?.throwIfAborted();
    const answers = await Promise.all(behind.map((b) => servedBy(fetchImpl, b.url, token)));
    behind = behind
      .map((b, i) => ({ url: b.url, answer: answers[i] as number | string }))
      .filter(({ answer }) => typeof answer !== 'number' || answer < generation)
      .map(({ url, answer }) => ({
        url,
        serving: typeof answer === 'number' ? `generation ${answer}` : answer,
      }));
    if (behind.length === 0 || clock.now() >= deadline) return behind;
    await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
  }
}

/** The generation a gateway serves, or why it could not say. */
async function servedBy(
  fetchImpl: typeof fetch,
  url: string,
  token: string | undefined,
): Promise<number | string> {
  // `since` now: the answer carries no samples, only the generation.
  const query = new URLSearchParams({ since: String(Date.now()) });
  try {
    const answer = await fetchImpl(`${url.replace(/\/$/, '')}/_turnout/health?${query}`, {
      headers: healthTokenHeaders(token),
      signal: AbortSignal.timeout(2_000),
    });
    if (!answer.ok) return `status ${answer.status}`;
    const body = (await answer.json()) as HealthSamplesAnswer;
    return body.generation ?? 'no generation yet';
  } catch (error) {
    return `no answer (${error instanceof Error ? error.message : String(error)})`;
  }
}
