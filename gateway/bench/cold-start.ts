/**
 * One cold start, measured in a fresh process: `node` boot and module evaluation (the
 * time until this file's first line runs), then loading the generation (a JSON file the
 * benchmark wrote, standing in for the registry read) and building what serves it, then
 * the first query. gateway.bench.ts bundles this file with esbuild, as the deployed
 * gateway is bundled, and runs it.
 */
import { readFileSync } from 'node:fs';
import type { SupergraphGeneration } from '../../infra/registry/registry-contract.ts';
import { createGateway } from '../create-gateway.ts';
import type { Invoker } from '../invoke/types.ts';

const loadedAt = performance.now();
const generation = JSON.parse(
  readFileSync(process.env.GENERATION_FILE ?? '', 'utf8'),
) as SupergraphGeneration;
const count = generation.subgraphs.length;
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
const first = await gateway.handle({
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
    answered: first.statusCode === 200 && !String(first.body).includes('"errors"'),
    bootAndLoadMs: loadedAt,
    buildMs: builtAt - loadedAt,
    firstQueryMs: answeredAt - builtAt,
    totalMs: answeredAt,
    rssMiB: process.memoryUsage().rss / 1024 / 1024,
  }),
);
