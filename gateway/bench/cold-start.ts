/**
 * One cold start, measured in a fresh process: `node` boot and module evaluation (the
 * time until this file's first line runs), then building the supergraph of `MODULES`
 * modules from a generation, then the first query. gateway.bench.ts bundles this file
 * with esbuild, as the deployed gateway is bundled, and runs it.
 */
import {
  REGISTRY_FORMAT,
  type SupergraphGeneration,
} from '../../infra/registry/registry-contract.ts';
import { createGateway } from '../create-gateway.ts';
import type { Invoker } from '../invoke/types.ts';

const loadedAt = performance.now();
const count = Number(process.env.MODULES ?? 10);

/** Module i owns `Thing<i>` and adds a field to the shared `Title`. */
const subgraphs = Array.from({ length: count }, (_, i) => ({
  module: `m${i}`,
  functionName: `turnout-m${i}`,
  alias: 'live',
  tier: 'medium' as const,
  timeoutMs: 1000,
  sdl: `type Title @key(selectionSet: "{ id }") { id: ID! field${i}: String }
type Thing${i} { id: ID! name: String title: Title }
type Query { thing${i}(id: ID!): Thing${i} _titles${i}(ids: [ID!]!): [Title]! @merge(keyField: "id") }`,
}));
const generation: SupergraphGeneration = {
  pk: 'supergraph',
  sk: 'generation#000000000001',
  format: REGISTRY_FORMAT,
  generation: 1,
  createdAt: '',
  publishedBy: 'bench',
  subgraphs,
  routes: [],
  supergraphSdl: '',
};
const invoke: Invoker = async () => ({
  statusCode: 200,
  executedVersion: '1',
  functionError: undefined,
  payload: JSON.stringify({
    data: {
      thing0: {
        __typename: 'Thing0',
        id: '1',
        name: 'x',
        title: { __typename: 'Title', id: 't1' },
      },
    },
  }),
});
const gateway = createGateway({
  registry: { load: async () => generation, peekNewest: async () => 1 },
  invoke,
  pollIntervalMs: 3_600_000,
});
await gateway.start();
const builtAt = performance.now();
await gateway.handle({
  method: 'POST',
  path: '/graphql',
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ query: '{ thing0(id: "1") { name title { id } } }' })),
});
const answeredAt = performance.now();
gateway.stop();
console.log(
  JSON.stringify({
    modules: count,
    bootAndLoadMs: loadedAt,
    buildMs: builtAt - loadedAt,
    firstQueryMs: answeredAt - builtAt,
    totalMs: answeredAt,
    rssMiB: process.memoryUsage().rss / 1024 / 1024,
  }),
);
