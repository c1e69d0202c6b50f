import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { createResponseParser, type ParsedResponse } from './create-response-parser.ts';
import { HttpConnectionError } from './errors.ts';
import type { Exchange } from './exchange.ts';
import type { Endpoint } from './parse-endpoint.ts';

/**
 * One connection of a pool, carrying one request at a time. Opened for a request
 * (`exchange` set, not yet `connected`), it sends it once connected; when the answer is
 * complete it goes back to its pool (idle, or on to a waiting request), unless its
 * framing can no longer be trusted (the answer said close, bytes came that nobody asked
 * for, the request timed out or the answer would not parse): then it is destroyed.
 */
export interface PooledConnection {
  socket: Socket;
  /** The request on the wire, or the one this connection is being opened for. */
  exchange: Exchange | undefined;
  connected: boolean;
  /** Requests sent on it so far: a failure on a used one may be the keep-alive race. */
  carried: number;
  /** Set as it is parked idle: since when, and for how long it may be reused. */
  idleSince: number;
  maxIdleMs: number;
  /** The socket's error, for the failure its close reports. */
  error: Error | undefined;
}

/** The pool as its connections see it. */
export interface ConnectionOwner {
  /** The pool refuses new requests: a connection that frees up closes instead. */
  closed: boolean;
  /** Answers a request, once; the pool counts it done. */
  settle(exchange: Exchange, error: Error | undefined, response?: ParsedResponse): void;
  /** Free for another request; `serverKeepAliveMs` when the server named its timeout. */
  release(connection: PooledConnection, serverKeepAliveMs: number | undefined): void;
  /** The socket closed: the pool no longer counts it. */
  forget(connection: PooledConnection): void;
}

/**
 * Opens a connection for `exchange` and wires its socket to the owner. Listeners are
 * per connection, not per request: a reused connection costs no new closure.
 */
export function createPooledConnection(
  endpoint: Endpoint,
  exchange: Exchange,
  owner: ConnectionOwner,
): PooledConnection {
  const socket = openSocket(endpoint);
  const connection: PooledConnection = {
    socket,
    exchange,
    connected: false,
    carried: 0,
    idleSince: 0,
    maxIdleMs: 0,
    error: undefined,
  };
  exchange.connection = connection;
  socket.setNoDelay(true);
  socket.once(endpoint.secure ? 'secureConnect' : 'connect', () => onConnect(owner, connection));
  socket.on('data', (chunk: Buffer) => onData(owner, connection, chunk));
  socket.on('error', (error) => {
    connection.error = error;
  });
  socket.on('close', () => onClose(owner, connection, endpoint.host));
  return connection;
}

/** Puts a request on a free, open connection. */
export function sendExchange(connection: PooledConnection, exchange: Exchange): void {
  connection.exchange = exchange;
  exchange.connection = connection;
  exchange.reused = connection.carried > 0;
  connection.carried++;
  exchange.parser = createResponseParser(exchange.request.method);
  connection.socket.ref();
  writeRequest(connection.socket, exchange.head, exchange.request.body);
}

/** Closes a connection that must carry nothing more; whoever calls settles its request. */
export function discardConnection(connection: PooledConnection): void {
  connection.exchange = undefined;
  connection.socket.destroy();
}

function openSocket(endpoint: Endpoint): Socket {
  if (!endpoint.secure) return connectTcp({ host: endpoint.hostname, port: endpoint.port });
  return connectTls({
    host: endpoint.hostname,
    port: endpoint.port,
    servername: isIP(endpoint.hostname) ? undefined : endpoint.hostname,
    ALPNProtocols: ['http/1.1'],
    ...endpoint.tls,
  });
}

function onConnect(owner: ConnectionOwner, connection: PooledConnection): void {
  connection.connected = true;
  const waiter = connection.exchange;
  if (waiter && !waiter.settled) sendExchange(connection, waiter);
  // Its request timed out while it opened, and the pool has closed since: nobody
  // would ever close it.
  else if (owner.closed) connection.socket.destroy();
  else owner.release(connection, undefined);
}

function onData(owner: ConnectionOwner, connection: PooledConnection, chunk: Buffer): void {
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
    discardConnection(connection);
    owner.settle(exchange, error as Error);
    return;
  }
  if (!response) return;
  owner.settle(exchange, undefined, response);
  if (response.keepAlive && !owner.closed) owner.release(connection, response.keepAliveMs);
  else discardConnection(connection);
}

function onClose(owner: ConnectionOwner, connection: PooledConnection, host: string): void {
  const exchange = connection.exchange;
  connection.exchange = undefined;
  if (exchange && !exchange.settled) failOnClose(owner, exchange, connection, host);
  owner.forget(connection);
}

/** Before any byte of the answer, a connection failure; after, the answer ends here or is cut. */
function failOnClose(
  owner: ConnectionOwner,
  exchange: Exchange,
  connection: PooledConnection,
  host: string,
): void {
  if (!exchange.received) {
    owner.settle(exchange, connectionFailure(connection, exchange, host));
    return;
  }
  try {
    owner.settle(exchange, undefined, exchange.parser?.finish());
  } catch (error) {
    owner.settle(exchange, error as Error);
  }
}

function connectionFailure(
  connection: PooledConnection,
  exchange: Exchange,
  host: string,
): HttpConnectionError {
  const cause = connection.error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'ECONNCLOSED';
  const how = connection.connected ? 'closed before answering' : `could not be opened to ${host}`;
  return new HttpConnectionError(`The connection ${how} (${code})`, {
    code,
    reused: exchange.reused,
    cause,
  });
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
