/**
 * The gateway core's own CPU per request, with module answers served from memory (no
 * HTTP, no module execution): what stitching, planning, parsing the client request and
 * serializing the answer cost, with the gateway's query planner and without it (graphql-tools
 * delegating every request), alternately in one process so that the two share the machine's
 * noise. Run: `NODE_ENV=production node bin/run-ts.js bench/gateway/core-cpu.ts`
 */
import { execute, parse } from 'graphql';
import type { AuthOptions } from '../../gateway/auth/auth-options.ts';
import { createGateway } from '../../gateway/create-gateway.ts';
import { buildSubgraphSchema } from '../../gateway/graphql/build-supergraph-schema.ts';
import type { Invoker } from '../../gateway/invoke/types.ts';
import { BENCH_MODULES, benchModulesGeneration, KNOWN_FOR_QUERY } from './bench-modules.ts';

const schemas = new Map(
  Object.entries(BENCH_MODULES).map(([module, { sdl, roots }]) => [
    `turnout-${module}`,
    { schema: buildSubgraphSchema({ module, sdl }), roots },
  ]),
);
/**
 * Answers by payload without its context (the request's id and caller, last in the
 * payload), computed once: the modules cost nothing after the first time, so what is
 * measured is the gateway's, not a module's parsing of what it was sent.
 */
const answers = new Map<string, string>();
const invoke: Invoker = async (request) => {
  const contextAt = request.payload.lastIndexOf(',"context":');
  const key = `${request.functionName} ${contextAt === -1 ? request.payload : request.payload.slice(0, contextAt)}`;
  let payload = answers.get(key);
  if (!payload) {
    const { context: _context, ...rest } = JSON.parse(request.payload);
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
const generation = benchModulesGeneration();
/**
 * CPU per request of one gateway over `requests` requests at concurrency 16, after a
 * warm-up. With `auth` and `authorization(i)`, request i carries that header (a bearer
 * token) and the gateway verifies it (bench/gateway/auth-cpu.ts).
 */
export async function measureCoreCpu(options: {
  queryPlanner: boolean;
  requests: number;
  auth?: AuthOptions;
  authorization?: (i: number) => string;
}) {
  const gateway = createGateway({
    registry: { load: async () => generation, peekNewest: async () => 1 },
    invoke,
    queryPlanner: options.queryPlanner,
    auth: options.auth,
  });
  const authorization = options.authorization;
  await gateway.start();
  const request = (i: number) => ({
    method: 'POST',
    path: '/graphql',
    rawQueryString: '',
    headers: authorization
      ? { 'content-type': 'application/json', authorization: authorization(i) }
      : ({ 'content-type': 'application/json' } as Record<string, string>),
    body: Buffer.from(JSON.stringify({ query: KNOWN_FOR_QUERY, variables: { id: `n${i % 50}` } })),
  });
  const check = await gateway.handle(request(0));
  if (String(check.body).includes('errors')) throw new Error(`unexpected: ${String(check.body)}`);
  for (let i = 0; i < 2000; i++) await gateway.handle(request(i));
  const cpu0 = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < options.requests) await gateway.handle(request(next++));
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  gateway.stop();
  return (cpu.user + cpu.system) / options.requests;
}

if (process.argv[1]?.endsWith('core-cpu.ts')) {
  const requests = Number(process.env.REQUESTS ?? 5000);
  const runs: Record<string, number[]> = { planner: [], graphqlTools: [] };
  for (let round = 0; round < 3; round++) {
    runs.planner?.push(await measureCoreCpu({ queryPlanner: true, requests }));
    runs.graphqlTools?.push(await measureCoreCpu({ queryPlanner: false, requests }));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? Number.NaN;
  console.log(
    JSON.stringify({
      requests,
      coreCpuUsPerRequest: {
        planner: median(runs.planner ?? []),
        graphqlTools: median(runs.graphqlTools ?? []),
      },
      runs,
    }),
  );
}
