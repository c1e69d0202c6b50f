import type { ConnectionOptions } from 'node:tls';
import { createIdleConnections } from './create-idle-connections.ts';
import {
  type ConnectionOwner,
  createPooledConnection,
  discardConnection,
  sendExchange,
} from './create-pooled-connection.ts';
import { HttpPoolClosedError, HttpTimeoutError } from './errors.ts';
import { createExchange, type Exchange, settleExchange } from './exchange.ts';
import { parseEndpoint } from './parse-endpoint.ts';
import { serializeRequestHead } from './serialize-request-head.ts';
import type { HttpRequest, HttpResponse } from './types.ts';

export interface KeepAlivePoolOptions {
  /** Open connections at most; requests beyond that wait for one. @default 128 */
  connections?: number;
  /** Close a connection idle this long, or sooner when the server's `Keep-Alive` says so. @default 60_000 */
  keepAliveMs?: number;
  /** For an `https:` origin: extra TLS options (a private `ca` in tests). */
  tls?: ConnectionOptions;
  /**
   * For a request that names no `timeoutMs`: a server that accepts and never answers must
   * not hold a request forever. @default 300_000 (undici's headers timeout)
   */
  defaultTimeoutMs?: number;
}

export interface KeepAlivePool {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Refuses new requests, lets the ones in flight finish, then closes every connection. */
  close(): Promise<void>;
}

/**
 * A keep-alive HTTP/1.1 client for one origin, made for the gateway's hot path: Lambda
 * Invoke and the registry read. Our own rather than undici because of two measurements on
 * this machine (gateway/PERFORMANCE.md): loading undici costs about 50 ms of a 150 ms cold
 * start budget (it pulls in about a hundred Node built-ins and compiles llhttp's WASM),
 * and a signed invoke through `undici.Pool#request` costs 89-135 us of client CPU where
 * this client costs 43-68 us (node:http: 119-167 us). It does only what those calls need:
 * one request per connection at a time (no pipelining), bodies framed by Content-Length,
 * chunked coding or connection close, TLS for `https:`, a timeout per request that
 * covers waiting for a connection, and no reuse of a connection past the server's
 * keep-alive timeout (the race where a server closes a socket as it is reused).
 *
 * @example
 * const pool = createKeepAlivePool('https://lambda.us-east-1.amazonaws.com');
 * const answer = await pool.request({ method: 'POST', path: '/', headers: {}, body: '{}' });
 */
export function createKeepAlivePool(
  origin: string,
  options: KeepAlivePoolOptions = {},
): KeepAlivePool {
  const endpoint = parseEndpoint(origin, options.tls);
  const maxConnections = options.connections ?? 128;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 300_000;
  const idle = createIdleConnections(options.keepAliveMs ?? 60_000);
  /** Requests beyond `maxConnections`, oldest first. */
  const waiting: Exchange[] = [];
  let open = 0;
  let inFlight = 0;
  let whenDrained: (() => void) | undefined;
  let whenClosed: Promise<void> | undefined;

  const owner: ConnectionOwner = {
    closed: false,
    settle(exchange, error, response) {
      if (!settleExchange(exchange, error, response)) return;
      inFlight--;
      if (owner.closed && inFlight === 0) drain();
    },
    release(connection, serverKeepAliveMs) {
      connection.exchange = undefined;
      const next = waiting.shift();
      if (next) sendExchange(connection, next);
      else idle.park(connection, serverKeepAliveMs);
    },
    forget(connection) {
      open--;
      idle.remove(connection);
      if (owner.closed) {
        if (open === 0) idle.stopSweep();
        return;
      }
      const next = waiting.shift();
      if (next) connect(next);
    },
  };

  const connect = (exchange: Exchange) => {
    open++;
    createPooledConnection(endpoint, exchange, owner);
  };

  const onTimeout = (exchange: Exchange) => {
    if (exchange.settled) return;
    const connection = exchange.connection;
    const queued = waiting.indexOf(exchange);
    if (queued !== -1) waiting.splice(queued, 1);
    owner.settle(exchange, new HttpTimeoutError(exchange.request.timeoutMs ?? defaultTimeoutMs));
    // An answer may still be on its way: the connection cannot carry another request.
    if (connection?.connected) discardConnection(connection);
  };

  const drain = () => {
    idle.closeAll();
    whenDrained?.();
  };

  return {
    request(request) {
      return new Promise<HttpResponse>((resolve, reject) => {
        if (owner.closed) return reject(new HttpPoolClosedError());
        const head = serializeRequestHead(request, endpoint.host);
        const exchange = createExchange(request, head, resolve, reject);
        inFlight++;
        exchange.timer = setTimeout(onTimeout, request.timeoutMs ?? defaultTimeoutMs, exchange);
        const connection = idle.take();
        if (connection) sendExchange(connection, exchange);
        else if (open < maxConnections) connect(exchange);
        else waiting.push(exchange);
      });
    },
    close() {
      owner.closed = true;
      for (const exchange of waiting.splice(0)) owner.settle(exchange, new HttpPoolClosedError());
      // One promise for every caller: a second one must not replace the first's resolve.
      whenClosed ??= new Promise<void>((resolve) => {
        whenDrained = resolve;
        if (inFlight === 0) drain();
      });
      return whenClosed;
    },
  };
}
