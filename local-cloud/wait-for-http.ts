import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForHttpOptions {
  timeoutMs: number;
  /** An error once the process that should answer is gone: waiting stops with it. */
  abandoned: () => Error | undefined;
  /** What to send. @default a GET */
  request?: RequestInit;
  /**
   * Whether an answer comes from the expected server. A port picked free may be taken by
   * another process before the server binds it, and then that process answers.
   * @default any answer (a status, even 4xx, means something listens)
   */
  isExpected?: (response: Response) => Promise<boolean>;
}

/**
 * Polls `url` until the expected server answers, or `timeoutMs` passes, or `abandoned()`
 * says the process is gone.
 */
export async function waitForHttp(url: string, options: WaitForHttpOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const gone = options.abandoned();
    if (gone) throw gone;
    try {
      const response = await fetch(url, { ...options.request, signal: AbortSignal.timeout(500) });
      if (!options.isExpected || (await options.isExpected(response))) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer as expected within ${options.timeoutMs} ms`);
    await sleep(25);
  }
}
