import type { PooledConnection } from './create-pooled-connection.ts';
import type { ParsedResponse, ResponseParser } from './create-response-parser.ts';
import type { HttpRequest, HttpResponse } from './types.ts';

/** One request's trip through the pool, from the caller's promise to its answer. */
export interface Exchange {
  request: HttpRequest;
  head: string;
  resolve(response: HttpResponse): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The connection it is sent on, or being opened for; none while it waits. */
  connection: PooledConnection | undefined;
  parser: ResponseParser | undefined;
  /** Sent on a connection that had carried a request before. */
  reused: boolean;
  /** A byte of the answer arrived: a failure now is no longer a failure to connect. */
  received: boolean;
  settled: boolean;
}

/** A request not yet on any connection; its timer is set by the pool. */
export function createExchange(
  request: HttpRequest,
  head: string,
  resolve: (response: HttpResponse) => void,
  reject: (error: Error) => void,
): Exchange {
  return {
    request,
    head,
    resolve,
    reject,
    timer: undefined,
    connection: undefined,
    parser: undefined,
    reused: false,
    received: false,
    settled: false,
  };
}

/**
 * Answers the caller, once: what comes later (a close after the answer, a timeout that
 * fires late) is no news to it. False when it was settled already.
 */
export function settleExchange(
  exchange: Exchange,
  error: Error | undefined,
  response?: ParsedResponse,
): boolean {
  if (exchange.settled) return false;
  exchange.settled = true;
  if (exchange.timer) clearTimeout(exchange.timer);
  if (error) exchange.reject(error);
  else if (response)
    exchange.resolve({
      statusCode: response.statusCode,
      headers: response.headers,
      body: response.body,
    });
  return true;
}
