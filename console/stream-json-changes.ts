import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

/**
 * Server-sent events of a value read again and again: sent when its JSON changed, so a
 * page stays live without reloading and without being sent what it already has. A read
 * that fails is sent as a `problem` event and tried again; the stream ends when the
 * browser goes away.
 */
export function streamJsonChanges(
  c: Context,
  sources: { event: string; everyMs: number; read: () => Promise<unknown> }[],
): Response {
  return streamSSE(c, async (stream) => {
    const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
    const pumps = sources.map(async ({ event, everyMs, read }) => {
      let last = '';
      while (!stream.aborted) {
        try {
          const json = JSON.stringify(await read());
          if (json !== last && !stream.aborted) {
            last = json;
            await stream.writeSSE({ event, data: json });
          }
        } catch (error) {
          if (stream.aborted) break;
          const message = error instanceof Error ? error.message : String(error);
          await stream.writeSSE({ event: 'problem', data: JSON.stringify({ event, message }) });
        }
        await Promise.race([stream.sleep(everyMs), closed]);
      }
    });
    await Promise.race([Promise.all(pumps), closed]);
  });
}
