import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../gateway/create-gateway.ts';
import { type GatewayServer, startGatewayServer } from '../../gateway/server.ts';
import {
  createFakeInvoker,
  generationOf,
  graphletHandler,
  NAMES_SDL,
  subgraph,
} from '../../gateway/testing/fake-modules.ts';
import { gatewayHealthSource } from './gateway-health-source.ts';
import { waitForGateways } from './wait-for-gateways.ts';

const TOKEN = 'pipeline-token';
let server: GatewayServer;

beforeAll(async () => {
  const generation = generationOf(3, [subgraph('names', NAMES_SDL)]);
  const gateway = createGateway({
    registry: { load: async () => generation, peekNewest: async () => 3 },
    invoke: createFakeInvoker({ 'turnout-names': graphletHandler('names', NAMES_SDL) }),
    pollIntervalMs: 60_000,
    healthToken: TOKEN,
  });
  server = await startGatewayServer({ gateway, port: 0 });
  await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ name(id: "n1") { name } }' }),
  });
});

afterAll(() => server?.stop());

const window = () => ({
  functionName: 'turnout-names',
  version: '1',
  sinceMs: Date.now() - 60_000,
  untilMs: Date.now() + 1_000,
});

describe('gatewayHealthSource against a gateway that requires its health token', () => {
  it('reads the samples with the token', async () => {
    const source = gatewayHealthSource({ urls: [server.url], token: TOKEN });
    expect((await source.read(window())).invocations).toBe(1);
  });

  it('says to give the pipeline the token when the gateway refuses it', async () => {
    const source = gatewayHealthSource({ urls: [server.url], token: undefined });
    await expect(source.read(window())).rejects.toThrow(/refused.*401.*TURNOUT_HEALTH_TOKEN/);
    const wrong = gatewayHealthSource({ urls: [server.url], token: 'guess' });
    await expect(wrong.read(window())).rejects.toThrow(/refused.*403/);
  });
});

describe('waitForGateways against a gateway that requires its health token', () => {
  it('reads the generation served with the token', async () => {
    const behind = await waitForGateways({
      urls: [server.url],
      token: TOKEN,
      generation: 3,
      timeoutMs: 5_000,
    });
    expect(behind).toEqual([]);
  });

  it('names the refusal when it has no token', async () => {
    const behind = await waitForGateways({ urls: [server.url], generation: 3, timeoutMs: 0 });
    expect(behind).toEqual([{ url: server.url, serving: 'status 401' }]);
  });
});
