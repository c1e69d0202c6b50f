/**
 * Errors of the keep-alive HTTP client. The invoker and the registry read turn them into
 * the gateway's own errors (MODULE_UNAVAILABLE, MODULE_TIMEOUT, ...).
 */

/**
 * The connection failed before any byte of the answer arrived: refused, reset, closed.
 * `reused` says whether it was a pooled connection: the server may have closed it as we
 * sent, so the request may never have reached it.
 */
export class HttpConnectionError extends Error {
  override name = 'HttpConnectionError';
  readonly code: string;
  readonly reused: boolean;

  constructor(message: string, options: { code: string; reused: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.reused = options.reused;
  }
}

/** No whole answer within the request's timeout (waiting for a connection included). */
export class HttpTimeoutError extends Error {
  override name = 'HttpTimeoutError';
  readonly code = 'HTTP_TIMEOUT';

  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms`);
  }
}

/** The server's bytes are not an HTTP/1.1 response we can read, or stopped halfway. */
export class HttpProtocolError extends Error {
  override name = 'HttpProtocolError';
  readonly code = 'HTTP_PROTOCOL';
}

/** The pool was closed: no more requests. */
export class HttpPoolClosedError extends Error {
  override name = 'HttpPoolClosedError';
  readonly code = 'HTTP_POOL_CLOSED';

  constructor() {
    super('The HTTP connection pool is closed');
  }
}
