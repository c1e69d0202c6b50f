import type { LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { defineModule } from '../../modules/kit/index.ts';
import { runSmokeChecks } from './run-smoke-checks.ts';

const { smokeChecks } = defineModule({
  name: 'loads',
  owner: 'team-relay-loads',
  tier: 'high',
  rest: { prefixes: ['/loads'] },
  smokeChecks: [
    {
      name: 'creates a load',
      rest: {
        method: 'POST',
        path: '/loads',
        body: { loadId: 'smoke-{{uuid}}' },
        expectStatus: 201,
      },
    },
    { name: 'reads it back', rest: { path: '/loads/smoke-{{uuid}}' } },
  ],
});

/** A Lambda client whose function keeps the loads it was sent and answers like the module. */
function fakeLoadsFunction() {
  const loads = new Set<string>();
  const paths: string[] = [];
  const lambda = {
    send: async (command: { input: { Payload: Uint8Array } }) => {
      const event = JSON.parse(new TextDecoder().decode(command.input.Payload));
      paths.push(event.rawPath);
      let statusCode = 404;
      if (event.requestContext.http.method === 'POST') {
        // The write lands a moment later: a read sent side by side would miss it.
        await new Promise((resolve) => setTimeout(resolve, 5));
        const { loadId } = JSON.parse(event.body);
        statusCode = loads.has(loadId) ? 409 : 201;
        loads.add(loadId);
      } else if (loads.has(event.rawPath.slice('/loads/'.length))) {
        statusCode = 200;
      }
      const answer = { statusCode, body: '{}' };
      return { Payload: new TextEncoder().encode(JSON.stringify(answer)) };
    },
  };
  return { lambda: lambda as unknown as LambdaClient, paths };
}

describe('runSmokeChecks', () => {
  it('fills {{uuid}} with one value per run and runs the checks in order', async () => {
    const { lambda, paths } = fakeLoadsFunction();
    const run = () =>
      runSmokeChecks(lambda, { functionName: 'loads', qualifier: '7', checks: smokeChecks });
    const first = await run();
    const second = await run();
    for (const results of [first, second]) {
      expect(results.map(({ name, passed, detail }) => ({ name, passed, detail }))).toEqual([
        { name: 'creates a load', passed: true, detail: 'passed' },
        { name: 'reads it back', passed: true, detail: 'passed' },
      ]);
    }
    const [, firstRead, , secondRead] = paths;
    expect(firstRead).toMatch(/^\/loads\/smoke-[0-9a-f-]{36}$/);
    expect(secondRead).not.toBe(firstRead);
  });
});
