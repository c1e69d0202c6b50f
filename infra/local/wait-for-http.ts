import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `url` until any HTTP answer comes back (a status, even 4xx, means the server
 * is listening), or `timeoutMs` passes, or `abandoned()` says the process is gone.
 */
export async function waitForHttp(
  url: string,
  { timeoutMs, abandoned }: { timeoutMs: number; abandoned: () => Error | undefined },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const gone = abandoned();
    if (gone) throw gone;
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await sleep(25);
    }
  }
}
