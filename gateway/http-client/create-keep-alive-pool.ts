import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { type ConnectionOptions, connect as connectTls } from 'node:tls';
import {
  createResponseParser,
  type ParsedResponse,
  type ResponseParser,
} from './create-response-parser.ts';
import { HttpConnectionError, HttpPoolClosedError, HttpTimeoutError } from './errors.ts';
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

interface Exchange {
  request: HttpRequest;
  head: string;
  resolve(response: HttpResponse): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  connection: Connection | undefined;
  parser: ResponseParser | undefined;
  reused: boolean;
  received: boolean;
  settled: boolean;
}

interface Connection {
  socket: Socket;
  /** The request on the wire, or the one this connection is being opened for. */
  exchange: Exchange | undefined;
  connected: boolean;
  /** Requests sent on it so far: a failure on a used one may be the keep-alive race. */
  carried: number;
  idleSince: number;
  maxIdleMs: number;
  error: Error | undefined;
}

const SWEEP_INTERVAL_MS = 1000;
/** Reuse a connection no later than this before the server's announced keep-alive timeout. */
const KEEP_ALIVE_MARGIN_MS = 1000;

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
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`The pool speaks http: and https:, not ${url.protocol} (origin ${origin})`);
  const secure = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (secure ? 443 : 80));
  const maxConnections = options.connections ?? 128;
  const keepAliveMs = options.keepAliveMs ?? 60_000;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 300_000;
  const idle: Connection[] = [];
  const waiting: Exchange[] = [];
  let open = 0;
  let inFlight = 0;
  let closed = false;
  let sweep: ReturnType<typeof setInterval> | undefined;
  let whenDrained: (() => void) | undefined;
  let whenClosed: Promise<void> | undefined;

  const settle = (exchange: Exchange, error: Error | undefined, response?: ParsedResponse) => {
    if (exchange.settled) return;
    exchange.settled = true;
    inFlight--;
    if (exchange.timer) clearTimeout(exchange.timer);
    if (error) exchange.reject(error);
    else if (response)
      exchange.resolve({
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
      });
    if (closed && inFlight === 0) drain();
  };

  const send = (connection: Connection, exchange: Exchange) => {
    connection.exchange = exchange;
    exchange.connection = connection;
    exchange.reused = connection.carried > 0;
    connection.carried++;
    exchange.parser = createResponseParser(exchange.request.method);
    connection.socket.ref();
    writeRequest(connection.socket, exchange.head, exchange.request.body);
  };

  const release = (connection: Connection, serverKeepAliveMs: number | undefined) => {
    connection.exchange = undefined;
    const next = waiting.shift();
    if (next) return send(connection, next);
    connection.idleSince = Date.now();
    connection.maxIdleMs =
      serverKeepAliveMs === undefined
        ? keepAliveMs
        : Math.min(keepAliveMs, serverKeepAliveMs - KEEP_ALIVE_MARGIN_MS);
    connection.socket.unref();
    idle.push(connection);
    sweep ??= setInterval(closeExpired, SWEEP_INTERVAL_MS).unref();
  };

  const takeIdle = (): Connection | undefined => {
    const now = Date.now();
    for (let connection = idle.pop(); connection; connection = idle.pop()) {
      if (!connection.socket.destroyed && now - connection.idleSince < connection.maxIdleMs)
        return connection;
      connection.socket.destroy();
    }
    return undefined;
  };

  const closeExpired = () => {
    const now = Date.now();
    for (const connection of idle.filter((c) => now - c.idleSince >= c.maxIdleMs))
      connection.socket.destroy();
  };

  const onData = (connection: Connection, chunk: Buffer) => {
    const exchange = connection.exchange;
    if (!exchange?.parser) {
      // Bytes nobody asked for: the connection's framing is lost.
      connection.socket.destroy();
      return;
    }
    exchange.received = true;
    let response: ParsedResponse | undefined;
    try {
      response = exchange.parser.push(chunk);
    } catch (error) {
      connection.exchange = undefined;
      connection.socket.destroy();
      settle(exchange, error as Error);
      return;
    }
    if (!response) return;
    settle(exchange, undefined, response);
    if (response.keepAlive && !closed) release(connection, response.keepAliveMs);
    else {
      connection.exchange = undefined;
      connection.socket.destroy();
    }
  };

  const onClose = (connection: Connection) => {
    open--;
    const at = idle.indexOf(connection);
    if (at !== -1) idle.splice(at, 1);
    const exchange = connection.exchange;
    connection.exchange = undefined;
    if (exchange && !exchange.settled) failOnClose(exchange, connection);
    if (closed) {
      if (open === 0 && sweep) clearInterval(sweep);
      return;
    }
    const next = waiting.shift();
    if (next) connectFor(next);
  };

  const failOnClose = (exchange: Exchange, connection: Connection) => {
    if (!exchange.received) {
      const cause = connection.error;
      const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'ECONNCLOSED';
      const how = connection.connected
        ? 'closed before answering'
        : `could not be opened to ${url.host}`;
      settle(
        exchange,
        new HttpConnectionError(`The connection ${how} (${code})`, {
          code,
          reused: exchange.reused,
          cause,
        }),
      );
      return;
    }
    try {
      settle(exchange, undefined, exchange.parser?.finish());
    } catch (error) {
      settle(exchange, error as Error);
    }
  };

  const connectFor = (exchange: Exchange) => {
    open++;
    const socket = secure
      ? connectTls({
          host: hostname,
          port,
          servername: isIP(hostname) ? undefined : hostname,
          ALPNProtocols: ['http/1.1'],
          ...options.tls,
        })
      : connectTcp({ host: hostname, port });
    const connection: Connection = {
      socket,
      exchange,
      connected: false,
      carried: 0,
      idleSince: 0,
      maxIdleMs: keepAliveMs,
      error: undefined,
    };
    exchange.connection = connection;
    socket.setNoDelay(true);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      connection.connected = true;
      const waiter = connection.exchange;
      if (waiter && !waiter.settled) send(connection, waiter);
      // Its request timed out while it opened, and the pool has closed since: nobody
      // would ever close it.
      else if (closed) socket.destroy();
      else release(connection, undefined);
    });
    socket.on('data', (chunk: Buffer) => onData(connection, chunk));
    socket.on('error', (error) => {
      connection.error = error;
    });
    socket.on('close', () => onClose(connection));
  };

  const onTimeout = (exchange: Exchange) => {
    if (exchange.settled) return;
    const connection = exchange.connection;
    const queued = waiting.indexOf(exchange);
    if (queued !== -1) waiting.splice(queued, 1);
    settle(exchange, new HttpTimeoutError(exchange.request.timeoutMs ?? defaultTimeoutMs));
    // An answer may still be on its way: the connection cannot carry another request.
    if (connection?.connected) {
      connection.exchange = undefined;
      connection.socket.destroy();
    }
  };

  const drain = () => {
    for (const connection of idle.splice(0)) connection.socket.destroy();
    whenDrained?.();
  };

  return {
    request(request) {
      return new Promise<HttpResponse>((resolve, reject) => {
        if (closed) return reject(new HttpPoolClosedError());
        const exchange: Exchange = {
          request,
          head: serializeRequestHead(request, url.host),
          resolve,
          reject,
          timer: undefined,
          connection: undefined,
          parser: undefined,
          reused: false,
          received: false,
          settled: false,
        };
        inFlight++;
        exchange.timer = setTimeout(onTimeout, request.timeoutMs ?? defaultTimeoutMs, exchange);
        const connection = takeIdle();
        if (connection) send(connection, exchange);
        else if (open < maxConnections) connectFor(exchange);
        else waiting.push(exchange);
      });
    },
    close() {
      closed = true;
      for (const exchange of waiting.splice(0)) settle(exchange, new HttpPoolClosedError());
      // One promise for every caller: a second one must not replace the first's resolve.
      whenClosed ??= new Promise<void>((resolve) => {
        whenDrained = resolve;
        if (inFlight === 0) drain();
      });
      return whenClosed;
    },
  };
}

/** One write: the head and a string body together; a Buffer body corked behind the head. */
function writeRequest(socket: Socket, head: string, body: string | Buffer | undefined): void {
  if (body === undefined) socket.write(head);
  else if (typeof body === 'string') socket.write(head + body);
  else {
    socket.cork();
    socket.write(head);
    socket.write(body);
    socket.uncork();
  }
}
