import { GatewayError, LambdaInvokeError, ModuleTimeoutError } from '../errors.ts';
import {
  createKeepAlivePool,
  HttpConnectionError,
  HttpTimeoutError,
  type KeepAlivePool,
  type KeepAlivePoolOptions,
} from '../http-client/index.ts';
import { memoizeBounded } from '../memoize-bounded.ts';
import { createSigV4Signer, type SigV4Signer } from '../sigv4/index.ts';
import { type AwsCredentials, resolveCredentials } from './read-credentials-from-env.ts';
import type { InvokeRequest, InvokeResult, Invoker } from './types.ts';

export interface LambdaInvokerOptions {
  region: string;
  /** Lambda's endpoint; the local cloud's in development. @default `https://lambda.<region>.amazonaws.com` */
  endpoint?: string;
  /** Static credentials or a function returning the current ones. @default the environment's */
  credentials?: AwsCredentials | (() => AwsCredentials);
  /** Keep-alive connections per endpoint. @default 128 */
  connections?: number;
  /** For an `https:` endpoint: extra TLS options (a private `ca` in tests). */
  tls?: KeepAlivePoolOptions['tls'];
}

export interface LambdaInvoker {
  invoke: Invoker;
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

/**
 * The gateway's lean Lambda Invoke: the same HTTP request the AWS SDK sends
 * (`POST /2015-03-31/functions/<name>/invocations?Qualifier=<alias>`, SigV4 signed), made
 * with our SigV4 signer over our keep-alive HTTP/1.1 pool (each says in its code why it is
 * not a library): a tenth of the SDK's CPU per invoke or less (docs/ARCHITECTURE.md, PERFORMANCE.md).
 * test/gateway-invoke-wire.test.ts proves the two equal on the wire.
 *
 * @example
 * const lambda = createLambdaInvoker({ region: 'us-east-1' });
 * const result = await lambda.invoke({ module: 'titles', functionName: 'turnout-titles',
 *   qualifier: 'live', payload: JSON.stringify({ query: '{ __typename }' }) });
 */
export function createLambdaInvoker(options: LambdaInvokerOptions): LambdaInvoker {
  const endpoint = new URL(options.endpoint ?? `https://lambda.${options.region}.amazonaws.com`);
  const pool = createKeepAlivePool(endpoint.origin, {
    connections: options.connections ?? 128,
    keepAliveMs: 60_000,
    tls: options.tls,
  });
  const credentials = resolveCredentials(options.credentials);
  const sign = createSigV4Signer({ region: options.region, service: 'lambda' });
  const pathOf = createInvokePathCache();
  const attempt = (request: InvokeRequest): Promise<InvokeResult> => {
    try {
      return send(
        pool,
        signInvoke(sign, request, pathOf(request), endpoint.host, credentials()),
        request,
      );
    } catch (error) {
      // No credentials, say: the caller gets a rejected promise, as from any failed invoke.
      return Promise.reject(error);
    }
  };
  const invoke: Invoker = (request) =>
    attempt(request).catch((error: unknown) => {
      // A pooled connection the server closed as we reused it fails before Lambda ran
      // anything we can see; a request safe to run twice gets one more connection.
      if (!request.idempotent || !isConnectionFailure(error)) throw error;
      return attempt(request);
    });
  return { invoke, close: () => pool.close() };
}

/**
 * Invoke paths by function and qualifier: the same few, built once each (two levels of
 * memo, so that no key string is built, and hashed, per invoke).
 */
function createInvokePathCache(): (
  request: Pick<InvokeRequest, 'functionName' | 'qualifier'>,
) => string {
  const byFunction = memoizeBounded(1000, (functionName) =>
    memoizeBounded(
      100,
      (qualifier) =>
        `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations?Qualifier=${encodeURIComponent(qualifier)}`,
    ),
  );
  return ({ functionName, qualifier }) => byFunction(functionName)(qualifier);
}

interface SignedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The request the SDK's InvokeCommand sends: same path, query, content type and signed headers. */
function signInvoke(
  sign: SigV4Signer,
  request: Pick<InvokeRequest, 'payload'>,
  path: string,
  host: string,
  credentials: AwsCredentials,
): SignedRequest {
  const headers = sign(
    {
      method: 'POST',
      host,
      path,
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(Buffer.byteLength(request.payload)),
      },
      body: request.payload,
    },
    credentials,
  );
  return { path, headers, body: request.payload };
}

function send(
  pool: KeepAlivePool,
  signed: SignedRequest,
  request: InvokeRequest,
): Promise<InvokeResult> {
  return pool
    .request({
      method: 'POST',
      path: signed.path,
      headers: signed.headers,
      body: signed.body,
      timeoutMs: request.timeoutMs,
    })
    .then(
      (response) => {
        const payload = response.body.toString('utf8');
        const headers = response.headers;
        if (response.statusCode >= 300)
          throw lambdaApiError(response.statusCode, headers, payload, request);
        return {
          statusCode: response.statusCode,
          executedVersion: headers['x-amz-executed-version'],
          functionError: headers['x-amz-function-error'],
          payload,
        };
      },
      (error: unknown) => {
        if (error instanceof HttpTimeoutError)
          throw new ModuleTimeoutError(request.module, request.timeoutMs, error);
        throw new GatewayError(
          'MODULE_UNAVAILABLE',
          502,
          `Module "${request.module}" could not be reached`,
          { module: request.module, cause: error },
        );
      },
    );
}

function lambdaApiError(
  status: number,
  headers: Record<string, string>,
  payload: string,
  request: InvokeRequest,
): LambdaInvokeError {
  // Lambda may append a documentation URL after a colon: `TooManyRequestsException:http://...`.
  const errorType = (headers['x-amzn-errortype'] ?? `Http${status}`).split(':')[0] ?? '';
  const message = readMessage(payload) ?? `Lambda answered ${status}`;
  return new LambdaInvokeError(
    errorType,
    status,
    `Module "${request.module}": ${errorType}: ${message}`,
    {
      module: request.module,
    },
  );
}

function readMessage(payload: string): string | undefined {
  try {
    const body = JSON.parse(payload) as { message?: unknown; Message?: unknown };
    const message = body.message ?? body.Message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}

/** The connection failed (refused, reset, closed) before any byte of an answer. */
function isConnectionFailure(error: unknown): boolean {
  return error instanceof GatewayError && error.cause instanceof HttpConnectionError;
}
