import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createGateway,
  DEFAULT_LIMITS,
  type Gateway,
  type GatewayOptions,
} from './create-gateway.ts';
import { serveGraphiQLAsset } from './graphql/serve-graphiql-assets.ts';
import {
  answerThenDrain,
  DEFAULT_DRAIN_BOUNDS,
  type DrainBounds,
} from './http/answer-then-drain.ts';
import { errorResponse } from './http/json-response.ts';
import type { GenerationSource } from './registry/create-generation-watcher.ts';
import type { RegistryTable } from './registry/load-newest-generation.ts';
import { toGenerationSource } from './registry/to-generation-source.ts';
import type { GatewayRequest, GatewayResponse } from './types.ts';

export type GatewayServerOptions = (
  | { gateway: Gateway; maxBodyBytes?: number }
  | (Omit<GatewayOptions, 'registry'> & {
      /** A registry table (read with the DynamoDB SDK) or any generation source. */
      registry: RegistryTable | GenerationSource;
    })
) & {
  /** @default 4000 (0 lets the OS choose, as tests do) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * After a body over the limit is answered with 413: how much more of it is read and
   * discarded, and for how long, so that the client reads the 413 before the connection
   * closes. @default 8 MiB, 5 s
   */
  drainAfterRefusal?: Partial<DrainBounds>;
};

export interface GatewayServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  gateway: Gateway;
  stop(): Promise<void>;
}

/**
 * Serves the gateway over HTTP on this machine: `turnout dev` and the end-to-end tests
 * use it. The same core as the Lambda entry; only the request and response are adapted.
 *
 * @example
 * const server = await startGatewayServer({ port: 0, registry, invoke: lambda.invoke });
 * await fetch(`${server.url}/graphql`, { method: 'POST', ... });
 * await server.stop();
 */
export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const gateway =
    'gateway' in options
      ? options.gateway
      : createGateway({ ...options, registry: toGenerationSource(options.registry) });
  const maxBodyBytes =
    ('gateway' in options ? options.maxBodyBytes : options.limits?.maxBodyBytes) ??
    DEFAULT_LIMITS.maxBodyBytes;
  const drain = { ...DEFAULT_DRAIN_BOUNDS, ...options.drainAfterRefusal };
  // GraphiQL's files come with the dev page, from the installed packages.
  const graphiql = !('gateway' in options) && options.dev === true;
  await gateway.start();
  const server = createServer((req, res) => {
    serve(gateway, req, res, { maxBodyBytes, drain, graphiql }).catch((error) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const stop = async () => {
    gateway.stop();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://${host}:${port}`, gateway, stop };
}

async function serve(
  gateway: Gateway,
  req: IncomingMessage,
  res: ServerResponse,
  limits: { maxBodyBytes: number; drain: DrainBounds; graphiql: boolean },
) {
  const asset =
    limits.graphiql && req.method === 'GET' && (await serveGraphiQLAsset(req.url ?? ''));
  if (asset) {
    writeResponse(res, asset);
    return;
  }
  const body = await readBody(req, limits.maxBodyBytes);
  if (body === 'too large') {
    const message = `The request body is over ${limits.maxBodyBytes} bytes, the most this gateway accepts (limits.maxBodyBytes).`;
    answerThenDrain(req, res, errorResponse(413, 'PAYLOAD_TOO_LARGE', message), limits.drain);
    return;
  }
  const response = await gateway.handle(toGatewayRequest(req, body));
  writeResponse(res, response);
}

function toGatewayRequest(req: IncomingMessage, body: Buffer | undefined): GatewayRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: q === -1 ? url : url.slice(0, q),
    rawQueryString: q === -1 ? '' : url.slice(q + 1),
    headers,
    body,
    sourceIp: req.socket.remoteAddress,
    protocol: `HTTP/${req.httpVersion}`,
  };
}

/**
 * Reads the body; 'too large' as soon as it passes the limit (by its declared length, or
 * by the bytes read so far), leaving the rest unread for `answerThenDrain`.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined | 'too large'> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.resolve('too large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.removeListener('data', onData);
      req.pause();
      resolve('too large');
    };
    req.on('data', onData);
    req.on('end', () => {
      if (size <= limit) resolve(size === 0 ? undefined : Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}

function writeResponse(res: ServerResponse, response: GatewayResponse): void {
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  for (const [name, values] of Object.entries(response.multiValueHeaders ?? {})) {
    const existing = response.headers[name];
    res.setHeader(name, existing === undefined ? values : [existing, ...values]);
  }
  if (response.cookies && response.cookies.length > 0)
    res.setHeader('set-cookie', response.cookies);
  res.statusCode = response.statusCode;
  res.end(response.body);
}
