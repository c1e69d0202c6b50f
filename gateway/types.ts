/**
 * The normalized request and response the gateway core handles. Both entries (the
 * Lambda handler and the local HTTP server) adapt their own shapes to these.
 */
import type { RestInvokeRequest } from '../contracts/rest-invoke-event.ts';

/** A client request: what a REST module is sent (contracts/rest-invoke-event.ts), plus its id. */
export interface GatewayRequest extends RestInvokeRequest {
  /** API Gateway's request id, when the request came through it. */
  requestId?: string;
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
