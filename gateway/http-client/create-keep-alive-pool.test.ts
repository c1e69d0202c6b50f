import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  type AddressInfo,
  connect as connectTcp,
  createServer as createTcpServer,
  type Server,
  type Socket,
} from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKeepAlivePool,
  type KeepAlivePool,
  type KeepAlivePoolOptions,
} from './create-keep-alive-pool.ts';
import {
  HttpConnectionError,
  HttpPoolClosedError,
  HttpProtocolError,
  HttpTimeoutError,
} from './errors.ts';

const tlsFixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/tls/${name}`, import.meta.url));

/** Servers first, pools after: closing a server ends what a pool still waits on. */
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** What a server on 127.0.0.1 saw of its clients. */
interface Listening {
  origin: string;
  connections: number;
  mostOpenAtOnce: number;
  openNow(): number;
}

async function listen(server: Server, scheme = 'http'): Promise<Listening> {
  const sockets = new Set<Socket>();
  const seen: Listening = {
    origin: '',
    connections: 0,
    mostOpenAtOnce: 0,
    openNow: () => sockets.size,
  };
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    seen.connections++;
    seen.mostOpenAtOnce = Math.max(seen.mostOpenAtOnce, sockets.size);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  seen.origin = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return seen;
}

function serveHttp(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
  options: { keepAliveTimeout?: number } = {},
) {
  const server = createHttpServer(handle);
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
  return listen(server);
}

/** A TCP server that hands each request head it reads (no bodies) to `answer`. */
function serveRaw(answer: (socket: Socket, connection: number, request: number) => void) {
  let connections = 0;
  return listen(
    createTcpServer((socket) => {
      const connection = connections++;
      let requests = 0;
      let buffered = '';
      socket.on('data', (chunk) => {
        buffered += chunk.toString('latin1');
        for (
          let end = buffered.indexOf('\r\n\r\n');
          end !== -1;
          end = buffered.indexOf('\r\n\r\n')
        ) {
          buffered = buffered.slice(end + 4);
          answer(socket, connection, requests++);
        }
      });
      socket.on('error', () => {});
    }),
  );
}

function poolFor(origin: string, options?: KeepAlivePoolOptions): KeepAlivePool {
  const pool = createKeepAlivePool(origin, options);
  cleanups.push(() => pool.close());
  return pool;
}

/** Waits for a condition that is met by events on other sockets. */
async function until(condition: () => boolean, what: string) {
  for (const deadline = Date.now() + 5000; !condition(); await sleep(20))
    if (Date.now() > deadline) throw new Error(`Still not ${what} after 5 s`);
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the promise to reject, and it resolved');
}

const ok = (body: string) =>
  `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('createKeepAlivePool', () => {
  it('carries sequential requests over one connection', async () => {
    const server = await serveHttp((request, response) => response.end(`you asked ${request.url}`));
    const pool = poolFor(server.origin);
    const bodies: string[] = [];
    for (const path of ['/a', '/b', '/c'])
      bodies.push((await pool.request({ method: 'GET', path, headers: {} })).body.toString());
    expect(bodies).toEqual(['you asked /a', 'you asked /b', 'you asked /c']);
    expect(server.connections).toBe(1);
  });

  it('answers 40 concurrent requests over no more than 4 connections', async () => {
    const server = await serveHttp((request, response) => {
      setTimeout(() => response.end(request.url), 5);
    });
    const pool = poolFor(server.origin, { connections: 4 });
    const paths = Array.from({ length: 40 }, (_, i) => `/request-${i}`);
    const answers = await Promise.all(
      paths.map((path) => pool.request({ method: 'GET', path, headers: {}, timeoutMs: 10_000 })),
    );
    expect(answers.map((answer) => answer.body.toString())).toEqual(paths);
    expect(server.mostOpenAtOnce).toBe(4);
    expect(server.connections).toBe(4);
  });

  it('reads a chunked answer written in several pieces, and the connection serves again', async () => {
    const server = await serveHttp(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (const piece of ['first,', Buffer.from([0, 13, 10, 255]), ',third']) {
        response.write(piece);
        await sleep(5);
      }
      response.end();
    });
    const pool = poolFor(server.origin);
    for (let round = 0; round < 2; round++) {
      const answer = await pool.request({ method: 'GET', path: '/', headers: {} });
      expect(answer.headers['transfer-encoding']).toBe('chunked');
      expect(answer.body).toEqual(
        Buffer.concat([
          Buffer.from('first,'),
          Buffer.from([0, 13, 10, 255]),
          Buffer.from(',third'),
        ]),
      );
    }
    expect(server.connections).toBe(1);
  });

  it('sends a binary Buffer body intact, with its Content-Length', async () => {
    const server = await serveHttp((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        response.setHeader('x-content-length', String(request.headers['content-length']));
        response.end(Buffer.concat(parts));
      });
    });
    const pool = poolFor(server.origin);
    const body = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)),
      Buffer.from('\r\n\r\nHTTP/1.1 200 OK\r\n'),
    ]);
    const answer = await pool.request({ method: 'POST', path: '/echo', headers: {}, body });
    expect(answer.body).toEqual(body);
    expect(answer.headers['x-content-length']).toBe(String(body.length));
  });

  it('fails a request the server never answers with HttpTimeoutError, and the next one still works', async () => {
    const server = await serveHttp((request, response) => {
      if (request.url !== '/hang') response.end('fine');
    });
    const pool = poolFor(server.origin);
    const started = performance.now();
    const error = await rejectionOf(
      pool.request({ method: 'GET', path: '/hang', headers: {}, timeoutMs: 200 }),
    );
    const waited = performance.now() - started;
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect(error).toMatchObject({ code: 'HTTP_TIMEOUT', timeoutMs: 200 });
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(waited).toBeLessThan(5000);
    const next = await pool.request({ method: 'GET', path: '/', headers: {}, timeoutMs: 5000 });
    expect(next.body.toString()).toBe('fine');
  });

  it('gives a request that names no timeout the default timeout of its pool', async () => {
    const server = await serveHttp(() => {});
    const pool = poolFor(server.origin, { defaultTimeoutMs: 150 });
    const error = await rejectionOf(pool.request({ method: 'GET', path: '/hang', headers: {} }));
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect(error).toMatchObject({ code: 'HTTP_TIMEOUT', timeoutMs: 150 });
  });

  it('times out a request still waiting for the only connection, which a hung one holds', async () => {
    const held: ServerResponse[] = [];
    const paths: Array<string | undefined> = [];
    const server = await serveHttp((request, response) => {
      paths.push(request.url);
      if (request.url === '/hang') held.push(response);
      else response.end('next');
    });
    const pool = poolFor(server.origin, { connections: 1 });
    const hung = pool.request({ method: 'GET', path: '/hang', headers: {}, timeoutMs: 10_000 });
    const queued = await rejectionOf(
      pool.request({ method: 'GET', path: '/queued', headers: {}, timeoutMs: 150 }),
    );
    expect(queued).toBeInstanceOf(HttpTimeoutError);
    expect(queued).toMatchObject({ timeoutMs: 150 });
    held[0]?.end('at last');
    expect((await hung).body.toString()).toBe('at last');
    await pool.request({ method: 'GET', path: '/next', headers: {} });
    // The timed-out request left the queue: it never reached the server.
    expect(paths).toEqual(['/hang', '/next']);
    expect(server.connections).toBe(1);
  });

  it('gives HttpConnectionError ECONNREFUSED, not reused, when nothing listens', async () => {
    const server = createTcpServer();
    const { origin } = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const pool = poolFor(origin);
    const error = await rejectionOf(pool.request({ method: 'GET', path: '/', headers: {} }));
    expect(error).toBeInstanceOf(HttpConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', reused: false });
    expect((error as HttpConnectionError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('gives HttpConnectionError marked reused when the server drops a pooled connection as a request arrives', async () => {
    const server = await serveRaw((socket, connection, request) => {
      if (connection === 0 && request === 1) socket.destroy();
      else socket.write(ok(`connection ${connection}`));
    });
    const pool = poolFor(server.origin);
    const first = await pool.request({ method: 'GET', path: '/', headers: {} });
    expect(first.body.toString()).toBe('connection 0');
    const error = await rejectionOf(pool.request({ method: 'GET', path: '/', headers: {} }));
    expect(error).toBeInstanceOf(HttpConnectionError);
    expect(error).toMatchObject({ reused: true });
    expect(['ECONNCLOSED', 'ECONNRESET', 'EPIPE']).toContain((error as HttpConnectionError).code);
    const third = await pool.request({ method: 'GET', path: '/', headers: {} });
    expect(third.body.toString()).toBe('connection 1');
  });

  it("opens a new connection rather than reuse one near the server's Keep-Alive timeout", async () => {
    const server = await serveHttp((_request, response) => response.end('fine'), {
      keepAliveTimeout: 2000,
    });
    const pool = poolFor(server.origin);
    const first = await pool.request({ method: 'GET', path: '/', headers: {} });
    expect(first.headers['keep-alive']).toBe('timeout=2');
    await sleep(1200);
    const second = await pool.request({ method: 'GET', path: '/', headers: {} });
    expect(second.body.toString()).toBe('fine');
    expect(server.connections).toBe(2);
  });

  it('opens a new connection after an answer with Connection: close', async () => {
    const server = await serveHttp((_request, response) => {
      response.setHeader('connection', 'close');
      response.end('bye');
    });
    const pool = poolFor(server.origin);
    for (let round = 0; round < 2; round++)
      expect((await pool.request({ method: 'GET', path: '/', headers: {} })).body.toString()).toBe(
        'bye',
      );
    expect(server.connections).toBe(2);
  });

  it('gives HttpProtocolError for an answer that is not HTTP, and the next request works on a new connection', async () => {
    const server = await serveRaw((socket, connection) => {
      socket.write(connection === 0 ? 'SSH-2.0-OpenSSH_9.6\r\n\r\n' : ok('real HTTP'));
    });
    const pool = poolFor(server.origin);
    const error = await rejectionOf(pool.request({ method: 'GET', path: '/', headers: {} }));
    expect(error).toBeInstanceOf(HttpProtocolError);
    expect(error.message).toBe('Not an HTTP/1.x status line: "SSH-2.0-OpenSSH_9.6"');
    const next = await pool.request({ method: 'GET', path: '/', headers: {} });
    expect(next.body.toString()).toBe('real HTTP');
    expect(server.connections).toBe(2);
  });

  it('lets an in-flight request finish on close(), refusing queued and later ones with HttpPoolClosedError', async () => {
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = await serveHttp((_request, response) => {
      arrived();
      setTimeout(() => response.end('finished'), 200);
    });
    const pool = poolFor(server.origin, { connections: 1 });
    const events: string[] = [];
    const inFlight = pool
      .request({ method: 'GET', path: '/slow', headers: {} })
      .then((answer) => events.push(`answered ${answer.body}`));
    const queued = rejectionOf(pool.request({ method: 'GET', path: '/queued', headers: {} }));
    await arrival;
    await pool.close().then(() => events.push('closed'));
    await inFlight;
    expect(events).toEqual(['answered finished', 'closed']);
    expect(await queued).toBeInstanceOf(HttpPoolClosedError);
    const later = await rejectionOf(pool.request({ method: 'GET', path: '/', headers: {} }));
    expect(later).toBeInstanceOf(HttpPoolClosedError);
    expect(server.connections).toBe(1);
  });

  it('resolves every close() once the requests in flight finish', async () => {
    const server = await serveHttp((_request, response) => {
      setTimeout(() => response.end('finished'), 100);
    });
    const pool = poolFor(server.origin);
    const answer = pool.request({ method: 'GET', path: '/slow', headers: {} });
    const closes = [pool.close(), pool.close()];
    expect((await answer).body.toString()).toBe('finished');
    await Promise.all(closes);
    expect(await pool.close()).toBeUndefined();
  });

  it('refuses a header value holding CR LF with a TypeError before sending anything', async () => {
    const seen: IncomingMessage['headers'][] = [];
    const server = await serveHttp((request, response) => {
      seen.push(request.headers);
      response.end();
    });
    const pool = poolFor(server.origin);
    const error = await rejectionOf(
      pool.request({
        method: 'GET',
        path: '/',
        headers: { 'x-note': 'innocent\r\nx-injected: yes' },
      }),
    );
    expect(error).toBeInstanceOf(TypeError);
    await pool.request({ method: 'GET', path: '/', headers: { 'x-note': 'innocent' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ 'x-note': 'innocent' });
    expect(seen[0]).not.toHaveProperty('x-injected');
    expect(server.connections).toBe(1);
  });

  it('refuses a path holding a space or line break, which would split the request line', async () => {
    const seen: string[] = [];
    const server = await serveHttp((request, response) => {
      seen.push(request.url ?? '');
      response.end();
    });
    const pool = poolFor(server.origin);
    for (const path of ['/a b', '/a\r\nx-injected: yes', '/a\nb']) {
      const error = await rejectionOf(pool.request({ method: 'GET', path, headers: {} }));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/encode it first/);
    }
    await pool.request({ method: 'GET', path: '/a%20b', headers: {} });
    expect(seen).toEqual(['/a%20b']);
  });

  describe('over https', () => {
    const ca = tlsFixture('cert.pem');
    const serveHttps = () =>
      listen(
        createHttpsServer({ key: tlsFixture('key.pem'), cert: ca }, (request, response) =>
          response.end(`secure ${request.url}`),
        ),
        'https',
      );

    it('carries requests over one TLS connection when given the certificate authority', async () => {
      const server = await serveHttps();
      const pool = poolFor(server.origin, { tls: { ca } });
      for (const path of ['/a', '/b'])
        expect((await pool.request({ method: 'GET', path, headers: {} })).body.toString()).toBe(
          `secure ${path}`,
        );
      expect(server.connections).toBe(1);
    });

    it('gives HttpConnectionError, the certificate error its cause, without it', async () => {
      const server = await serveHttps();
      const pool = poolFor(server.origin);
      const error = await rejectionOf(pool.request({ method: 'GET', path: '/', headers: {} }));
      expect(error).toBeInstanceOf(HttpConnectionError);
      expect(error).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', reused: false });
      expect(error.cause).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    });

    it('closes a connection whose handshake ends after its request timed out and the pool closed', async () => {
      const server = await serveHttps();
      const { port } = new URL(server.origin);
      // Holds each connection's TLS handshake back for 300 ms, then forwards it.
      const slowHandshakes = await listen(
        createTcpServer((client) => {
          client.pause();
          setTimeout(() => {
            const upstream = connectTcp(Number(port), '127.0.0.1');
            upstream.on('error', () => client.destroy());
            client.on('error', () => upstream.destroy());
            client.pipe(upstream).pipe(client);
          }, 300);
        }),
        'https',
      );
      const pool = poolFor(slowHandshakes.origin, { tls: { ca } });
      const error = await rejectionOf(
        pool.request({ method: 'GET', path: '/', headers: {}, timeoutMs: 100 }),
      );
      expect(error).toBeInstanceOf(HttpTimeoutError);
      await pool.close();
      await until(() => server.connections === 1, 'handshaking through the proxy');
      await until(() => server.openNow() === 0, 'closed by the pool');
    });
  });
});
