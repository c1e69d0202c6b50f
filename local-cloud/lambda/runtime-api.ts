import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { foreignHostMessage, isLoopbackHost } from '../is-loopback-host.ts';
import {
  type FunctionErrorPayload,
  RESPONSE_LIMIT_BYTES,
  responseTooLargeError,
} from './function-errors.ts';

/** One event handed to the runtime by `GET /runtime/invocation/next`. */
export interface Invocation {
  requestId: string;
  /** JSON text of the event. */
  payload: string;
  /** Epoch milliseconds at which the invoke times out. */
  deadlineMs: number;
  invokedFunctionArn: string;
}

/** What the runtime reported for an invocation. */
export type RuntimeResult = { body: string } | { error: FunctionErrorPayload };

export interface RuntimeApiListener {
  /** The runtime asked for its next event: the first time, its init is done. */
  onNext(): void;
  onResult(requestId: string, result: RuntimeResult): void;
  onInitError(error: FunctionErrorPayload): void;
}

export interface RuntimeApi {
  /** What the runtime gets as `AWS_LAMBDA_RUNTIME_API`: `127.0.0.1:<port>`. */
  address: string;
  /** Hands the runtime its next event, now if it is waiting for one, else when it asks. */
  send(invocation: Invocation): void;
  /** Whether the runtime has taken the event it was sent (false while it is still queued). */
  readonly delivered: boolean;
  close(): void;
}

const PREFIX = '/2018-06-01/runtime';
const RESULT_PATH = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/;

/**
 * Lambda's Runtime API (version 2018-06-01) for one execution environment, on a free
 * loopback port: `GET /runtime/invocation/next` long-polls for the next event (with the
 * `Lambda-Runtime-*` headers), `POST /runtime/invocation/{id}/response` and `/error`
 * report its outcome, `POST /runtime/init/error` a failed init. The runtime process is
 * any client of that API, as in AWS, so it lives in its own process and can die alone.
 *
 * why our own: AWS ships this API only inside its runtime interface emulator, a Go
 * binary that runs one function per container; the local Lambda runs many per process.
 *
 * @example
 * const api = await startRuntimeApi({ onNext, onResult, onInitError });
 * spawn(node, [bootstrap], { env: { AWS_LAMBDA_RUNTIME_API: api.address } });
 * api.send({ requestId, payload: '{}', deadlineMs: Date.now() + 3000, invokedFunctionArn });
 */
export async function startRuntimeApi(listener: RuntimeApiListener): Promise<RuntimeApi> {
  let waiting: ServerResponse | undefined;
  let queued: Invocation | undefined;
  /** The invocation the runtime holds, the only one it may answer. */
  let current: string | undefined;

  function deliver(res: ServerResponse, invocation: Invocation): void {
    current = invocation.requestId;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(invocation.payload)),
      'lambda-runtime-aws-request-id': invocation.requestId,
      'lambda-runtime-deadline-ms': String(invocation.deadlineMs),
      'lambda-runtime-invoked-function-arn': invocation.invokedFunctionArn,
      'lambda-runtime-trace-id': traceHeader(invocation.requestId),
    });
    res.end(invocation.payload);
  }

  function next(res: ServerResponse): void {
    listener.onNext();
    if (queued) {
      const invocation = queued;
      queued = undefined;
      deliver(res, invocation);
    } else waiting = res;
  }

  function report(req: IncomingMessage, res: ServerResponse, body: string): void {
    const path = req.url ?? '';
    if (req.method === 'POST' && path === `${PREFIX}/init/error`) {
      listener.onInitError(readError(req, body));
      accepted(res);
      return;
    }
    const match = req.method === 'POST' ? RESULT_PATH.exec(path) : null;
    if (!match) {
      answer(res, 404, 'InvalidRequest', `No Runtime API route ${req.method} ${path}`);
      return;
    }
    const requestId = decodeURIComponent(match[1] ?? '');
    if (requestId !== current) {
      answer(res, 400, 'InvalidRequestID', `Invalid request ID: ${requestId}`);
      return;
    }
    current = undefined;
    listener.onResult(
      requestId,
      match[2] === 'response' ? { body } : { error: readError(req, body) },
    );
    accepted(res);
  }

  const server = createServer({ noDelay: true, keepAliveTimeout: 0 }, (req, res) => {
    if (!isLoopbackHost(req.headers.host)) {
      req.resume();
      return answer(res, 403, 'AccessDenied', foreignHostMessage(req.headers.host));
    }
    if (req.method === 'GET' && req.url === `${PREFIX}/invocation/next`) {
      req.resume();
      return next(res);
    }
    if (tooLarge(req)) return refuseResponse(req, res);
    readBody(req, (body) => report(req, res, body));
  });

  /** A response over Lambda's limit fails the invoke at once, without reading it (as Lambda does). */
  function tooLarge(req: IncomingMessage): boolean {
    const length = Number(req.headers['content-length'] ?? 0);
    return length > RESPONSE_LIMIT_BYTES && req.url?.endsWith('/response') === true;
  }

  function refuseResponse(req: IncomingMessage, res: ServerResponse): void {
    const requestId = decodeURIComponent(RESULT_PATH.exec(req.url ?? '')?.[1] ?? '');
    req.resume();
    if (requestId === current) {
      current = undefined;
      listener.onResult(requestId, { error: responseTooLargeError() });
    }
    answer(res, 413, 'RequestEntityTooLarge', responseTooLargeError().errorMessage);
  }
  // why: the runtime holds its GET open between invokes for as long as the environment is warm
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    get delivered() {
      return queued === undefined;
    },
    send(invocation) {
      if (!waiting) {
        queued = invocation;
        return;
      }
      const res = waiting;
      waiting = undefined;
      deliver(res, invocation);
    },
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

function readBody(req: IncomingMessage, onBody: (body: string) => void): void {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    body += chunk;
  });
  req.on('end', () => onBody(body));
}

/**
 * The error a runtime reports: Lambda's `ErrorRequest` (`errorType`, `errorMessage`,
 * `stackTrace`), or the Node runtime's own shape with `trace`; the
 * `Lambda-Runtime-Function-Error-Type` header names the type when the body does not.
 */
function readError(req: IncomingMessage, body: string): FunctionErrorPayload {
  const headerType = req.headers['lambda-runtime-function-error-type'];
  let parsed: {
    errorType?: unknown;
    errorMessage?: unknown;
    stackTrace?: unknown;
    trace?: unknown;
  };
  try {
    parsed = JSON.parse(body || '{}');
  } catch {
    parsed = { errorMessage: body };
  }
  const trace = Array.isArray(parsed.trace) ? parsed.trace : parsed.stackTrace;
  return {
    errorType: String(parsed.errorType ?? headerType ?? 'Runtime.Unknown'),
    errorMessage: String(parsed.errorMessage ?? ''),
    ...(Array.isArray(trace) ? { trace: trace.map(String) } : {}),
  };
}

function accepted(res: ServerResponse): void {
  answer(res, 202, undefined, undefined);
}

function answer(
  res: ServerResponse,
  status: number,
  errorType: string | undefined,
  errorMessage: string | undefined,
): void {
  const text = JSON.stringify(errorType ? { errorType, errorMessage } : { status: 'OK' });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** An X-Ray trace header in AWS's format, made from the request ID (nothing samples it). */
function traceHeader(requestId: string): string {
  const hex = requestId.replaceAll('-', '');
  const seconds = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${seconds}-${hex.slice(0, 24)};Parent=${hex.slice(16, 32)};Sampled=0`;
}
