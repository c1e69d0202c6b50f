/**
 * The gateway core's own CPU per request, with module answers served from memory (no
 * HTTP, no module execution): what stitching, planning, parsing the client request and
 * serializing the answer cost. Run: `node bin/run-ts.js gateway/bench/core-cpu.ts`
 */
import { execute, parse } from 'graphql';
import {
  REGISTRY_FORMAT,
  type SupergraphGeneration,
} from '../../infra/registry/registry-contract.ts';
import { createGateway } from '../create-gateway.ts';
import { buildSubgraphSchema } from '../graphql/build-supergraph-schema.ts';
import type { Invoker } from '../invoke/types.ts';
import { BENCH_MODULES, KNOWN_FOR_QUERY } from './bench-modules.ts';

const schemas = new Map(
  Object.entries(BENCH_MODULES).map(([module, { sdl, roots }]) => [
    `turnout-${module}`,
    { schema: buildSubgraphSchema({ module, sdl }), roots },
  ]),
);
/** Answers by payload, computed once: the modules cost nothing after the first time. */
const answers = new Map<string, string>();
const invoke: Invoker = async (request) => {
  const { context: _context, ...rest } = JSON.parse(request.payload);
  const key = `${request.functionName} ${JSON.stringify(rest)}`;
  let payload = answers.get(key);
  if (!payload) {
    const target = schemas.get(request.functionName);
    if (!target) throw new Error(`no ${request.functionName}`);
    const result = execute({
      schema: target.schema,
      document: parse(rest.query),
      variableValues: rest.variables,
      rootValue: target.roots,
    });
    payload = JSON.stringify(result);
    answers.set(key, payload);
  }
  return { statusCode: 200, executedVersion: '1', functionError: undefined, payload };
};
const subgraphs = Object.entries(BENCH_MODULES).map(([module, { sdl }]) => ({
  module,
  functionName: `turnout-${module}`,
  alias: 'live',
  tier: 'medium' as const,
  sdl,
  timeoutMs: 5000,
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
const gateway = createGateway({
  registry: { load: async () => generation, peekNewest: async () => 1 },
  invoke,
});
await gateway.start();
const request = (i: number) => ({
  method: 'POST',
  path: '/graphql',
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ query: KNOWN_FOR_QUERY, variables: { id: `n${i % 50}` } })),
});
for (let i = 0; i < 3000; i++) await gateway.handle(request(i));
const total = Number(process.env.REQUESTS ?? 10_000);
const cpu0 = process.cpuUsage();
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next < total) await gateway.handle(request(next++));
  }),
);
const cpu = process.cpuUsage(cpu0);
gateway.stop();
console.log(
  JSON.stringify({ coreCpuUsPerRequest: (cpu.user + cpu.system) / total, requests: total }),
);
