import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { foreignHostMessage, isLoopbackHost } from '../is-loopback-host.ts';
import { LambdaApiError, UnsupportedOperationError } from './errors.ts';
import type { ApiResponse, Route } from './routes.ts';

/**
 * The HTTP face of the local Lambda: matches a route, runs it, and writes its answer or its
 * error the way Lambda does (`x-amzn-errortype` plus a JSON body), so the AWS SDK raises
 * its typed exceptions. Signatures are not checked: any credentials are accepted, but only
 * from requests to a loopback Host (`isLoopbackHost`); any other gets 403.
 */
export function createLambdaServer(routes: Route[], onError: (error: unknown) => void): Server {
  return createServer((req, res) => {
    if (!isLoopbackHost(req.headers.host)) {
      const message = foreignHostMessage(req.headers.host);
      write(res, {
        status: 403,
        json: { Type: 'User', message },
        headers: { 'x-amzn-errortype': 'AccessDeniedException', connection: 'close' },
      });
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      handle(routes, req, body).then(
        (answer) => write(res, answer),
        (error: unknown) => write(res, errorResponse(error, onError)),
      );
    });
  });
}

async function handle(routes: Route[], req: IncomingMessage, body: Buffer): Promise<ApiResponse> {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = req.method ?? 'GET';
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]),
    );
    return route.handle({ params, query: url.searchParams, headers: req.headers, body });
  }
  throw new UnsupportedOperationError(method, url.pathname);
}

function errorResponse(error: unknown, onError: (error: unknown) => void): ApiResponse {
  if (error instanceof LambdaApiError) {
    return {
      status: error.statusCode,
      json: error.toBody(),
      headers: { 'x-amzn-errortype': error.code },
    };
  }
  if (error instanceof SyntaxError) {
    return {
      status: 400,
      json: { Type: 'User', message: `Could not parse request body into json: ${error.message}` },
      headers: { 'x-amzn-errortype': 'InvalidRequestContentException' },
    };
  }
  onError(error);
  return {
    status: 500,
    json: { Type: 'Service', message: String((error as Error)?.message ?? error) },
    headers: { 'x-amzn-errortype': 'ServiceException' },
  };
}

function write(res: ServerResponse, answer: ApiResponse): void {
  const text = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
  res.writeHead(answer.status, {
    'content-type': 'application/json',
    // Lambda frames its answers with Content-Length, not chunked coding (none on a 204).
    ...(answer.status === 204 ? {} : { 'content-length': String(Buffer.byteLength(text)) }),
    'x-amzn-requestid': randomUUID(),
    ...answer.headers,
  });
  res.end(text);
}
