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

  it('fails a GraphQL check whose data differs from expect, naming the path', async () => {
    const { smokeChecks: checks } = defineModule({
      name: 'images',
      owner: 'team-imdb-images',
      tier: 'low',
      graphql: { sdl: 'type Query { _titles(ids: [ID!]!): [String] }' },
      smokeChecks: [
        {
          name: 'reads a poster',
          graphql: { query: '{ _titles(ids: ["tt1"]) { primaryImage { url } } }' },
          expect: { shape: { _titles: [{ primaryImage: { url: 'string' } }] } },
        },
      ],
    });
    const answering = (answer: unknown) =>
      ({
        send: async () => ({ Payload: new TextEncoder().encode(JSON.stringify(answer)) }),
      }) as unknown as LambdaClient;
    const run = (answer: unknown) =>
      runSmokeChecks(answering(answer), { functionName: 'images', qualifier: '7', checks });
    const poster = { data: { _titles: [{ primaryImage: { url: 'p.jpg' } }] } };
    expect((await run(poster))[0]).toMatchObject({ passed: true });
    expect((await run({ data: { _titles: [] } }))[0]).toMatchObject({
      passed: false,
      detail:
        'the answer differs from expect at data._titles: expected a list of at least one item, got an empty list',
    });
  });

  it('fails a REST check whose JSON body differs from expect, naming the path', async () => {
    const { smokeChecks: checks } = defineModule({
      name: 'loads',
      owner: 'team-relay-loads',
      tier: 'high',
      rest: { prefixes: ['/loads'] },
      smokeChecks: [
        {
          name: 'reads a load back',
          rest: { path: '/loads/smoke-{{uuid}}' },
          expect: {
            data: { loadId: 'smoke-{{uuid}}' },
            shape: { stops: [{ facilityId: 'string' }] },
          },
        },
      ],
    });
    let stops: unknown[] = [{ facilityId: 'DFW7' }];
    const lambda = {
      send: async (command: { input: { Payload: Uint8Array } }) => {
        const event = JSON.parse(new TextDecoder().decode(command.input.Payload));
        const loadId = event.rawPath.slice('/loads/'.length);
        const answer = { statusCode: 200, body: JSON.stringify({ loadId, stops }) };
        return { Payload: new TextEncoder().encode(JSON.stringify(answer)) };
      },
    } as unknown as LambdaClient;
    const run = () => runSmokeChecks(lambda, { functionName: 'loads', qualifier: '7', checks });
    expect((await run())[0]).toMatchObject({ passed: true });
    stops = [{ facilityId: null }];
    expect((await run())[0]?.detail).toBe(
      'the answer differs from expect at body.stops.0.facilityId: expected a string, got null',
    );
  });

  it('invokes a check with a caller as the gateway would for that verified caller', async () => {
    const { smokeChecks: checks } = defineModule({
      name: 'mixed',
      owner: 'team-mixed',
      tier: 'low',
      rest: { prefixes: ['/loads'] },
      graphql: { sdl: 'type Query { me: String }' },
      smokeChecks: [
        {
          name: 'as dispatch',
          rest: { path: '/loads/1' },
          caller: { sub: 'smoke', scopes: ['dispatch'] },
        },
        { name: 'anonymous', rest: { path: '/loads/2' } },
        { name: 'graphql as a voter', graphql: { query: '{ me }' }, caller: { sub: 'ur1234567' } },
      ],
    });
    const payloads: Record<string, unknown>[] = [];
    const lambda = {
      send: async (command: { input: { Payload: Uint8Array } }) => {
        payloads.push(JSON.parse(new TextDecoder().decode(command.input.Payload)));
        const answer = { statusCode: 200, body: '{}', data: { me: 'x' } };
        return { Payload: new TextEncoder().encode(JSON.stringify(answer)) };
      },
    } as unknown as LambdaClient;
    await runSmokeChecks(lambda, { functionName: 'mixed', qualifier: '1', checks });
    const [asDispatch, anonymous, asVoter] = payloads as Json[];
    expect(asDispatch.requestContext.authorizer.jwt).toEqual({
      claims: { sub: 'smoke', scope: 'dispatch', iss: 'turnout-smoke-check' },
      scopes: ['dispatch'],
    });
    expect(anonymous.requestContext.authorizer).toBeUndefined();
    expect(asVoter.context.identity).toMatchObject({ sub: 'ur1234567', scopes: [] });
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the test reads the invoke payloads it asserts on
type Json = any;
