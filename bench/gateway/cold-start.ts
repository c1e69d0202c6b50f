/**
 * One cold start, measured in a fresh process: `node` boot and module evaluation (the
 * time until this file's first line runs), then loading the generation (a JSON file the
 * benchmark wrote, standing in for the registry read) and building what serves it, then
 * the first query. It loads what the Lambda entry loads (the lean invoker and its HTTP
 * pool, the lean registry source); modules answer from memory. gateway.bench.ts bundles
 * this file with esbuild, as the deployed gateway is bundled, and runs it.
 */
import { readFileSync } from 'node:fs';
import type { SupergraphGeneration } from '../../contracts/registry.ts';
import { createGateway } from '../../gateway/create-gateway.ts';
import { createLambdaInvoker } from '../../gateway/invoke/create-lambda-invoker.ts';
import type { Invoker } from '../../gateway/invoke/types.ts';
import { createLeanRegistrySource } from '../../gateway/registry/create-lean-registry-source.ts';
import { LAMBDA_LIKE_CREDENTIALS } from './lambda-like-credentials.ts';

// As the Lambda entry does at load; the pool opens no connection until an invoke.
const lambda = createLambdaInvoker({
  region: 'us-east-1',
  credentials: LAMBDA_LIKE_CREDENTIALS,
});
void createLeanRegistrySource;

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
await lambda.close();
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
