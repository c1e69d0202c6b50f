import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from './create-gateway.ts';
import { type GatewayServer, startGatewayServer } from './server.ts';
import {
  createFakeInvoker,
  generationOf,
  graphletHandler,
  NAMES_SDL,
  subgraph,
} from './testing/fake-modules.ts';

const LIMIT = 1024 * 1024;
const MB = 1024 * 1024;
let server: GatewayServer;

beforeAll(async () => {
  const generation = generationOf(1, [subgraph('names', NAMES_SDL)]);
  const gateway = createGateway({
    registry: { load: async () => generation, peekNewest: async () => 1 },
    invoke: createFakeInvoker({ 'turnout-names': graphletHandler('names', NAMES_SDL) }),
    pollIntervalMs: 60_000,
    limits: { maxBodyBytes: LIMIT },
  });
  server = await startGatewayServer({
    gateway,
    port: 0,
    maxBodyBytes: LIMIT,
    drainAfterRefusal: { maxBytes: 4 * MB, maxMs: 30_000 },
  });
});

afterAll(() => server?.stop());

/** A body of `chunks` pieces of 64 KiB, made as it is read; `Infinity` never ends. */
function streamedBody(chunks: number) {
  const pulled = { bytes: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    cancel() {
      pulled.cancelled = true;
    },
    pull(controller) {
      if (pulled.bytes >= chunks * 64 * 1024) return controller.close();
      pulled.bytes += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(32));
    },
  });
  return { body, pulled };
}

const post = (init: RequestInit) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...init,
  } as RequestInit);

describe('the gateway server refusing a body over its limit', () => {
  it('answers fetch posting 10 MB with a 413 the client can read', async () => {
    const response = await post({ body: Buffer.alloc(10 * MB, 32) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('answers fetch streaming 10 MB without a length with a 413 too', async () => {
    const { body } = streamedBody(160);
    const response = await post({ body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('limits.maxBodyBytes');
  });

  it('answers a body that never ends at once, then closes the connection past the drain bound', async () => {
    const { answer, written } = await sendEndlessBody(new URL(server.url));
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('PAYLOAD_TOO_LARGE');
    // What the server read is bounded; the rest sat in the sockets' buffers when it closed.
    expect(written).toBeLessThan(LIMIT + 4 * MB + 32 * MB);
  });

  it('keeps serving requests within the limit', async () => {
    const response = await post({ body: JSON.stringify({ query: '{ name(id: "n1") { name } }' }) });
    expect(await response.json()).toEqual({ data: { name: { name: 'Name n1' } } });
  });
});

/**
 * Posts a chunked body that never ends over a raw socket, writing as fast as the socket
 * takes it, until the server closes the connection: what it answered, and how much was
 * written by then.
 */
function sendEndlessBody(url: URL): Promise<{ answer: string; written: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunk = Buffer.concat([
      Buffer.from(`${(64 * 1024).toString(16)}\r\n`),
      Buffer.alloc(64 * 1024, 32),
      Buffer.from('\r\n'),
    ]);
    let answer = '';
    let written = 0;
    let open = true;
    const write = () => {
      while (open && socket.write(chunk)) written += chunk.length;
    };
    socket.on('connect', () => {
      socket.write(
        `POST /graphql HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
      );
      write();
    });
    socket.on('drain', write);
    socket.on('data', (data) => {
      answer += data.toString();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      open = false;
      if (answer) resolve({ answer, written });
      else
        reject(
          new Error(`the server closed the connection without an answer after ${written} bytes`),
        );
    });
  });
}
