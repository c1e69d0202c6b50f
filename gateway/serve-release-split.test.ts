import { describe, expect, it } from 'vitest';
import type { ModuleRelease, SupergraphGeneration } from '../contracts/registry.ts';
import { createGateway } from './create-gateway.ts';
import type { GenerationSource } from './registry/create-generation-watcher.ts';
import {
  createFakeInvoker,
  generationOf,
  graphletHandler,
  NAMES_SDL,
  ROOTS,
  route,
  subgraph,
} from './testing/fake-modules.ts';
import type { GatewayRequest } from './types.ts';

/**
 * A deployment of `titles` in flight: version 6 is stable, version 7 the candidate. 7
 * adds `Title.year` and drops `Title.subtitle`; the generation serves both versions'
 * fields (their union) and names what only one serves.
 */
const UNION_SDL = `
type Title @key(selectionSet: "{ id }") { id: ID! title: String subtitle: String year: Int }
type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }`;

const SPLIT: ModuleRelease = {
  stable: '6',
  candidate: { version: '7', weight: 0.1 },
  candidateOnly: ['Title.year'],
  stableOnly: ['Title.subtitle'],
};

function titlesResolvers() {
  return {
    _titles: ({ ids }: { ids: string[] }) =>
      ids.map((id) => ({ id, title: `Title ${id}`, subtitle: 'sub', year: 1985 })),
  };
}

function setup(release: ModuleRelease | undefined, failingVersion?: string) {
  const titles = graphletHandler('titles', UNION_SDL, titlesResolvers());
  const invoke = createFakeInvoker({
    'turnout-names': graphletHandler('names', NAMES_SDL, ROOTS.names),
    'turnout-titles': titles,
    'turnout-message': () => ({ statusCode: 200, body: '{}' }),
  });
  // The alias sends this request's invoke to the candidate when it fails by version.
  const byVersion = async (request: Parameters<typeof invoke>[0]) => {
    const result = await invoke(request);
    const version = /^\d+$/.test(request.qualifier) ? request.qualifier : '7';
    if (version === failingVersion && request.functionName === 'turnout-titles') {
      return { ...result, executedVersion: version, functionError: 'Unhandled', payload: '{}' };
    }
    return { ...result, executedVersion: version };
  };
  const generation: SupergraphGeneration = {
    ...generationOf(
      1,
      [subgraph('names', NAMES_SDL), subgraph('titles', UNION_SDL)],
      [route('/message', 'message')],
    ),
    ...(release ? { releases: { titles: release } } : {}),
  };
  const source: GenerationSource = {
    load: async () => generation,
    peekNewest: async () => generation.generation,
  };
  const gateway = createGateway({ registry: source, invoke: byVersion, pollIntervalMs: 60_000 });
  const titleCalls = () => invoke.calls.filter((c) => c.functionName === 'turnout-titles');
  return { gateway, titleCalls };
}

function query(text: string): GatewayRequest {
  return {
    method: 'POST',
    path: '/graphql',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: Buffer.from(JSON.stringify({ query: text })),
  };
}

const answer = async (gateway: ReturnType<typeof setup>['gateway'], text: string) => {
  const response = await gateway.handle(query(text));
  return { status: response.statusCode, body: JSON.parse(String(response.body)) };
};

describe('a gateway serving a split release', () => {
  it('invokes the candidate by number for a field only the candidate serves', async () => {
    const { gateway, titleCalls } = setup(SPLIT);
    const { body } = await answer(gateway, '{ name(id: "n1") { knownFor { title year } } }');
    expect(body.errors).toBeUndefined();
    expect(titleCalls().map((c) => c.qualifier)).toEqual(['7']);
  });

  it('invokes the stable version by number for a field the candidate drops', async () => {
    const { gateway, titleCalls } = setup(SPLIT);
    const { body } = await answer(gateway, '{ name(id: "n1") { knownFor { subtitle } } }');
    expect(body.errors).toBeUndefined();
    expect(titleCalls().map((c) => c.qualifier)).toEqual(['6']);
  });

  it('follows the alias for fields both versions serve', async () => {
    const { gateway, titleCalls } = setup(SPLIT);
    await answer(gateway, '{ name(id: "n1") { knownFor { title } } }');
    expect(titleCalls().map((c) => c.qualifier)).toEqual(['live']);
  });

  it('refuses, naming the module, an operation that needs both versions at once', async () => {
    const { gateway, titleCalls } = setup(SPLIT);
    const { status, body } = await answer(
      gateway,
      '{ name(id: "n1") { knownFor { year subtitle } } }',
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('VERSION_CONFLICT');
    expect(body.error.message).toContain('"titles"');
    expect(titleCalls()).toEqual([]);
  });

  it('retries a failed read of the candidate on the stable version the split names', async () => {
    const { gateway, titleCalls } = setup(SPLIT, '7');
    const { body } = await answer(gateway, '{ name(id: "n1") { knownFor { title } } }');
    expect(body.errors).toBeUndefined();
    expect(titleCalls().map((c) => c.qualifier)).toEqual(['live', '6']);
  });

  it('retries nothing on another version when the alias is not split', async () => {
    const { gateway, titleCalls } = setup({ stable: '7' }, '7');
    const { body } = await answer(gateway, '{ name(id: "n1") { knownFor { title } } }');
    expect(body.errors?.[0]?.extensions?.module).toBe('titles');
    expect(titleCalls().map((c) => c.qualifier)).toEqual(['live']);
  });
});
