/**
 * The normalized request and response the gateway core handles. Both entries (the
 * Lambda handler and the local HTTP server) adapt their own shapes to these.
 */

export interface GatewayRequest {
  method: string;
  /** The path without the query string, e.g. `/message/42`. */
  path: string;
  /** The query string without `?`, as the client sent it. */
  rawQueryString: string;
  /** Lower-cased names; repeated headers joined with `,` (as API Gateway v2 does). */
  headers: Record<string, string>;
  /** Cookies as sent, one `name=value` each; when absent they are read from the `cookie` header. */
  cookies?: string[];
  body?: Buffer;
  sourceIp?: string;
  protocol?: string;
  /** API Gateway's request id, when the request came through it. */
  requestId?: string;
  domainName?: string;
  /** When the request arrived (epoch ms); defaults to the clock. */
  timeEpoch?: number;
}

export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** Headers that carry several values, written one line each. */
  multiValueHeaders?: Record<string, string[]>;
  /** Each becomes one `Set-Cookie` header. */
  cookies?: string[];
  body: string | Buffer;
}

/** Milliseconds since the epoch; tests pass a fake one. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A structured logger: one JSON line per call. `fields` are merged into the line. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
