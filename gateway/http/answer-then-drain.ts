import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayResponse } from '../types.ts';

/** How much of a refused body is still read, and for how long, before the connection closes. */
export interface DrainBounds {
  /** Bytes read and discarded after the answer. @default 8 MiB (DEFAULT_DRAIN_BOUNDS) */
  maxBytes: number;
  /** @default 5000 */
  maxMs: number;
}

export const DEFAULT_DRAIN_BOUNDS: DrainBounds = { maxBytes: 8 * 1024 * 1024, maxMs: 5_000 };

/**
 * Answers a request whose body the server will not read (a 413) at once, then keeps
 * reading and discarding the body, within `bounds`, before the connection closes.
 * Closing a socket with unread bytes in it makes the kernel send a reset, which throws
 * away the answer the client has not read yet: a client still sending (fetch/undici)
 * then sees EPIPE or ECONNRESET instead of the 413. The answer is written whole, with
 * its length, so the client can read it while it sends; the connection closes when the
 * body ends, or is cut when a bound is passed (a client sending without end).
 *
 * @example
 * answerThenDrain(req, res, errorResponse(413, 'PAYLOAD_TOO_LARGE', message), DEFAULT_DRAIN_BOUNDS);
 */
export function answerThenDrain(
  req: IncomingMessage,
  res: ServerResponse,
  response: GatewayResponse,
  bounds: DrainBounds,
): void {
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('connection', 'close');
  res.setHeader('content-length', Buffer.byteLength(response.body));
  res.statusCode = response.statusCode;
  res.write(response.body);
  let drained = 0;
  let finished = false;
  const done = (cut: boolean) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    req.removeListener('data', discard);
    res.end();
    if (cut) req.destroy();
  };
  const discard = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > bounds.maxBytes) done(true);
  };
  const timer = setTimeout(() => done(true), bounds.maxMs);
  timer.unref();
  req.on('data', discard);
  req.once('end', () => done(false));
  req.once('error', () => done(true));
  req.resume();
}
