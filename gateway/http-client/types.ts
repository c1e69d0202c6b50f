/** One request to the pool's origin. */
export interface HttpRequest {
  method: string;
  /** Path and query string, already encoded. */
  path: string;
  /** Sent as given; `host` and `content-length` are added when missing. */
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Fail with HttpTimeoutError when the whole answer has not arrived by then. */
  timeoutMs?: number;
}

/** The origin's answer, body read whole. */
export interface HttpResponse {
  statusCode: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}
