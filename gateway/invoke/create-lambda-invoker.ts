import aws4 from 'aws4';
import { Pool } from 'undici';
import { GatewayError, LambdaInvokeError, ModuleTimeoutError } from '../errors.ts';
import { type AwsCredentials, readCredentialsFromEnv } from './read-credentials-from-env.ts';
import type { InvokeRequest, InvokeResult, Invoker } from './types.ts';

export interface LambdaInvokerOptions {
  region: string;
  /** Lambda's endpoint; the local cloud's in development. @default `https://lambda.<region>.amazonaws.com` */
  endpoint?: string;
  /** Static credentials or a function returning the current ones. @default the environment's */
  credentials?: AwsCredentials | (() => AwsCredentials);
  /** Keep-alive connections per endpoint. @default 128 */
  connections?: number;
}

export interface LambdaInvoker {
  invoke: Invoker;
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

/**
 * The gateway's lean Lambda Invoke: the same HTTP request the AWS SDK sends
 * (`POST /2015-03-31/functions/<name>/invocations?Qualifier=<alias>`, SigV4 signed), made
 * with `aws4` over an undici keep-alive pool. About a tenth of the SDK's CPU per invoke
 * (DESIGN.md); test/gateway-invoke-wire.test.ts proves the two equal on the wire.
 *
 * @example
 * const lambda = createLambdaInvoker({ region: 'us-east-1' });
 * const result = await lambda.invoke({ module: 'titles', functionName: 'turnout-titles',
 *   qualifier: 'live', payload: JSON.stringify({ query: '{ __typename }' }) });
 */
export function createLambdaInvoker(options: LambdaInvokerOptions): LambdaInvoker {
  const endpoint = new URL(options.endpoint ?? `https://lambda.${options.region}.amazonaws.com`);
  const pool = new Pool(endpoint.origin, {
    connections: options.connections ?? 128,
    keepAliveTimeout: 60_000,
  });
  const credentials = resolveCredentials(options.credentials);
  const attempt = (request: InvokeRequest) =>
    send(pool, signInvoke(request, endpoint.host, options.region, credentials()), request);
  const invoke: Invoker = async (request) => {
    try {
      return await attempt(request);
    } catch (error) {
      // A pooled connection the server closed as we reused it fails before Lambda ran
      // anything we can see; a request safe to run twice gets one more connection.
      if (!request.idempotent || !isConnectionFailure(error)) throw error;
      return attempt(request);
    }
  };
  return { invoke, close: () => pool.close() };
}

interface SignedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Signs the request exactly as the SDK builds it; aws4 fills Host, X-Amz-Date, Authorization. */
export function signInvoke(
  request: Pick<InvokeRequest, 'functionName' | 'qualifier' | 'payload'>,
  host: string,
  region: string,
  credentials: AwsCredentials,
): SignedRequest {
  const name = encodeURIComponent(request.functionName);
  const qualifier = encodeURIComponent(request.qualifier);
  const signable = {
    host,
    method: 'POST',
    path: `/2015-03-31/functions/${name}/invocations?Qualifier=${qualifier}`,
    service: 'lambda',
    region,
    body: request.payload,
    headers: { 'Content-Type': 'application/octet-stream' } as Record<string, string>,
  };
  aws4.sign(signable, credentials);
  return { path: signable.path, headers: signable.headers, body: request.payload };
}

async function send(
  pool: Pool,
  signed: SignedRequest,
  request: InvokeRequest,
): Promise<InvokeResult> {
  const abort = request.timeoutMs === undefined ? undefined : new AbortController();
  const timer = abort && setTimeout(() => abort.abort(), request.timeoutMs);
  try {
    const response = await pool.request({
      method: 'POST',
      path: signed.path,
      headers: signed.headers,
      body: signed.body,
      signal: abort?.signal,
    });
    const payload = await response.body.text();
    const headers = response.headers;
    if (response.statusCode >= 300)
      throw lambdaApiError(response.statusCode, headers, payload, request);
    return {
      statusCode: response.statusCode,
      executedVersion: headerValue(headers['x-amz-executed-version']),
      functionError: headerValue(headers['x-amz-function-error']),
      payload,
    };
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    if (abort?.signal.aborted)
      throw new ModuleTimeoutError(request.module, request.timeoutMs, error);
    throw new GatewayError(
      'MODULE_UNAVAILABLE',
      502,
      `Module "${request.module}" could not be reached`,
      {
        module: request.module,
        cause: error,
      },
    );
  } finally {
    if (timer) clearTimeout(timer);
  }
}

function lambdaApiError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  payload: string,
  request: InvokeRequest,
): LambdaInvokeError {
  // Lambda may append a documentation URL after a colon: `TooManyRequestsException:http://...`.
  const errorType =
    (headerValue(headers['x-amzn-errortype']) ?? `Http${status}`).split(':')[0] ?? '';
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

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function resolveCredentials(
  credentials: LambdaInvokerOptions['credentials'],
): () => AwsCredentials {
  if (typeof credentials === 'function') return credentials;
  if (credentials) return () => credentials;
  return () => readCredentialsFromEnv();
}

/** The connection failed (reset, closed): not a timeout, not an answer from Lambda. */
function isConnectionFailure(error: unknown): boolean {
  return (
    error instanceof GatewayError &&
    error.code === 'MODULE_UNAVAILABLE' &&
    !(error instanceof LambdaInvokeError)
  );
}
