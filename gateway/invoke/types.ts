/** One synchronous invoke of a module's function alias. */
export interface InvokeRequest {
  /** The module the function belongs to, for errors and logs. */
  module: string;
  functionName: string;
  /** The alias (always `live` from the gateway) or version. */
  qualifier: string;
  /** The JSON payload, already serialized. */
  payload: string;
  /** Abort after this long and fail with a ModuleTimeoutError. */
  timeoutMs?: number;
  /** A graphlet invoke or a REST module's v2 event: a REST 5xx answer counts as a failure. */
  kind?: 'graphql' | 'rest';
  /**
   * Safe to run twice (a query, a GET or HEAD): when it fails on the candidate of a split
   * alias, the gateway may try it once on `stableVersion`.
   */
  idempotent?: boolean;
  /**
   * While a deployment splits the alias: the version the registry names as stable, the
   * only one a failed idempotent invoke is retried on. Absent when the alias is not split.
   */
  stableVersion?: string;
  /**
   * For an idempotent invoke: the payload without what is only this request's (its id),
   * so identical invokes of concurrent requests can share one call.
   */
  sharedKey?: string;
}

/** What Lambda answered with a 2xx: the function ran (it may still have failed). */
export interface InvokeResult {
  statusCode: number;
  /** From `X-Amz-Executed-Version`: which version behind the alias ran. */
  executedVersion: string | undefined;
  /** From `X-Amz-Function-Error`: `Unhandled` or `Handled` when the function failed. */
  functionError: string | undefined;
  /** The function's response (or error object) as JSON text. */
  payload: string;
}

/**
 * Invokes a function. Resolves with Lambda's answer when the function ran; rejects with
 * a LambdaInvokeError when Lambda refused (404, 429, ...) and a ModuleTimeoutError when
 * `timeoutMs` passed.
 */
export type Invoker = (request: InvokeRequest) => Promise<InvokeResult>;
