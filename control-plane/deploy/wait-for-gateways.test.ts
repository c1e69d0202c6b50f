import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForGateways } from './wait-for-gateways.ts';

const servers: Server[] = [];

/** A gateway's health route serving `generation()` each time it is asked. */
async function gateway(generation: () => number | undefined): Promise<string> {
  const server = createServer((request, response) => {
    const since = new URL(request.url ?? '/', 'http://x').searchParams.get('since');
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({ generation: generation(), latencyBucketBoundsMs: [], samples: [], since }),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('waitForGateways', () => {
  it('returns once every gateway serves the generation or a later one', async () => {
    let asked = 0;
    const catchingUp = await gateway(() => (++asked < 3 ? 6 : 7));
    const ahead = await gateway(() => 8);
    const behind = await waitForGateways({
      urls: [catchingUp, ahead],
      generation: 7,
      timeoutMs: 30_000,
    });
    expect(behind).toEqual([]);
    expect(asked).toBeGreaterThanOrEqual(3);
  });

  it('names the gateways still behind when the time runs out, and what they serve', async () => {
    const stuck = await gateway(() => 6);
    const empty = await gateway(() => undefined);
    const behind = await waitForGateways({ urls: [stuck, empty], generation: 7, timeoutMs: 500 });
    expect(behind).toEqual([
      { url: stuck, serving: 'generation 6' },
      { url: empty, serving: 'no generation yet' },
    ]);
  });

  it('counts a gateway that does not answer as not there yet', async () => {
    const gone = 'http://127.0.0.1:9';
    const behind = await waitForGateways({ urls: [gone], generation: 1, timeoutMs: 300 });
    expect(behind).toEqual([{ url: gone, serving: expect.stringMatching(/^no answer/) }]);
  });

  it('stops waiting when its signal aborts, with the signal’s reason', async () => {
    const stuck = await gateway(() => 1);
    const controller = new AbortController();
    const waiting = waitForGateways({
      urls: [stuck],
      generation: 2,
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    controller.abort(new Error('interrupted by SIGINT'));
    await expect(waiting).rejects.toThrow('interrupted by SIGINT');
  });
});
