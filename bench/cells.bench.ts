/**
 * `npm run bench -- cells`: what routing by cell costs the gateway, and what a bad
 * version in one cell costs the others.
 *
 * 1. Gateway CPU per request to one module, with and without its cell map, measured as
 *    the gateway benchmark measures (bench/gateway/run-gateway-load.ts): a gateway
 *    process of its own, bundled as the Lambda is, invoking through the real lean invoker
 *    over loopback a stand-in Lambda in another process (fake-cell-lambda.ts), so each
 *    request pays the module invoke every real request pays. REST (the key in a header)
 *    and GraphQL (the key in a root field's argument, as a variable), 1,000 keys; rounds
 *    alternate the four in one run; medians.
 * 2. A bad version (every request fails) deployed to a cellular module on the local
 *    cloud (test/fixtures/cells: depot in three cells) under a steady load over keys of
 *    every cell: the errors clients of cells 2 and 3 saw (target 0).
 */
import { loadavg } from 'node:os';
import { CELL_BUCKETS, cellOfKey, evenBucketRanges } from '../contracts/cell-map.ts';
import { progressKey } from '../contracts/deployment-record.ts';
import type { SupergraphGeneration } from '../contracts/registry.ts';
import { compileCellRouter } from '../gateway/cells/compile-cell-router.ts';
import { compileGraphqlCellRoute } from '../gateway/cells/compile-graphql-cell-route.ts';
import { getOperationAST, Kind, parse } from '../gateway/graphql/graphql-js.ts';
import { startReleaseHarness } from '../test/support/release-harness.ts';
import type { LoadRequest } from '../test/support/steady-load.ts';
import { benchGeneration } from './gateway/bench-modules.ts';
import { LAMBDA_LIKE_CREDENTIALS } from './gateway/lambda-like-credentials.ts';
import { type BenchHttpRequest, runGatewayLoad } from './gateway/run-gateway-load.ts';
import { startStandInLambda } from './gateway/start-stand-in-lambda.ts';
import type { BenchResult } from './index.ts';

const CELLS = ['cell-1', 'cell-2', 'cell-3'];
const KEYS = Array.from({ length: 1000 }, (_, i) => `FAC-${i}`);
const SDL = 'type Query { depotCell(facility: ID): DepotCell } type DepotCell { cell: String! }';
const CELL_QUERY = 'query Cell($f: ID) { depotCell(facility: $f) { cell } }';

function depotGeneration(withCells: boolean): SupergraphGeneration {
  const generation = benchGeneration([
    {
      module: 'depot',
      functionName: 'turnout-depot',
      alias: 'live',
      tier: 'medium',
      sdl: SDL,
      timeoutMs: 5000,
    },
  ]);
  return {
    ...generation,
    routes: [
      {
        prefix: '/depot',
        module: 'depot',
        functionName: 'turnout-depot',
        alias: 'live',
        timeoutMs: 5000,
      },
    ],
    ...(withCells
      ? {
          cells: {
            depot: {
              cells: CELLS.map((name) => ({ name, functionName: `turnout-depot-${name}` })),
              buckets: CELL_BUCKETS,
              ranges: evenBucketRanges(CELLS),
              overrides: { 'FAC-7': 'cell-3' },
              key: {
                rest: [{ path: '/depot', header: 'x-facility-id' }],
                graphql: [{ field: 'Query.depotCell', argument: 'facility' }],
              },
            },
          },
        }
      : {}),
  };
}

const REQUESTS: Record<'rest' | 'graphql', BenchHttpRequest[]> = {
  rest: KEYS.map((key, i) => ({
    method: 'GET',
    path: `/depot/items/pallet-${i % 100}`,
    headers: { 'x-facility-id': key },
  })),
  graphql: KEYS.map((key) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: CELL_QUERY, variables: { f: key } }),
  })),
};

type Case = `${'rest' | 'graphql'} ${'plain' | 'cells'}`;
const CASES: Case[] = ['rest plain', 'rest cells', 'graphql plain', 'graphql cells'];

async function measureGatewayCpu(rounds: number, requests: number) {
  const fake = await startStandInLambda('fake-cell-lambda.ts');
  const runs = Object.fromEntries(CASES.map((c) => [c, [] as number[]])) as Record<Case, number[]>;
  let errors = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      for (const name of CASES) {
        const [kind, cells] = name.split(' ') as ['rest' | 'graphql', 'plain' | 'cells'];
        const figures = await runGatewayLoad({
          region: 'us-east-1',
          lambdaEndpoint: fake.url,
          credentials: LAMBDA_LIKE_CREDENTIALS,
          generation: depotGeneration(cells === 'cells'),
          queryPlanner: true,
          bodies: [],
          httpRequests: REQUESTS[kind],
          warmupRequests: 2000,
          requests,
        });
        errors += figures.errors;
        runs[name].push(figures.cpuUsPerRequest);
      }
    }
  } finally {
    fake.child.kill('SIGTERM');
  }
  return { runs, errors };
}

/**
 * The routing itself, in this process: CPU per call of the compiled REST router and
 * GraphQL route over the same 1,000 keys, in nanoseconds (what the gateway runs per
 * request for a cellular module and not for another; the rest of the difference
 * between the two gateways is noise on a shared machine).
 */
function measureRoutingNs(calls: number): { rest: number; graphql: number } {
  const map = depotGeneration(true).cells?.depot;
  if (!map) throw new Error('no cell map');
  const router = compileCellRouter('depot', map, undefined);
  const operation = getOperationAST(parse(CELL_QUERY));
  const fields = (operation?.selectionSet.selections ?? []).filter((s) => s.kind === Kind.FIELD);
  const route = compileGraphqlCellRoute(router, 'Query', fields);
  const rest = REQUESTS.rest.map(({ method, path, headers }) => ({
    method,
    path,
    headers,
    rawQueryString: '',
  }));
  const variables = KEYS.map((f) => ({ f }));
  const time = (one: (i: number) => unknown) => {
    for (let i = 0; i < calls; i++) one(i);
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < calls; i++) one(i);
    const cpu = process.cpuUsage(cpu0);
    return ((cpu.user + cpu.system) * 1000) / calls;
  };
  return {
    rest: time((i) => router.routeRest(rest[i % rest.length] as (typeof rest)[number])),
    graphql: time((i) => route(variables[i % variables.length])),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function measureBadCellDeployment() {
  const harness = await startReleaseHarness({ fixtures: 'cells' });
  try {
    const map = (await harness.latestGeneration()).cells?.depot;
    if (!map) throw new Error('no cell map for depot');
    const keysOf = (cell: string) => KEYS.filter((k) => cellOfKey(map, k) === cell).slice(0, 5);
    await harness.setBehaviour('depot', 'fail-all');
    const loads = CELLS.map((cell) => {
      const requests: LoadRequest[] = keysOf(cell).map((key) => ({
        name: `${cell} ${key}`,
        send: () => fetch(`${harness.gateway}/depot/cell`, { headers: { 'x-facility-id': key } }),
        ok: (response) => response.status === 200,
      }));
      return harness.startLoad({ requests, concurrency: 2, pauseMs: 10 });
    });
    const started = Date.now();
    const { record } = await harness.release(['depot']);
    const seconds = (Date.now() - started) / 1000;
    const reports = await Promise.all(loads.map((l) => l.stop()));
    return { record, seconds, reports };
  } finally {
    await harness.stop();
  }
}

function phases(record: { progress: Record<string, { phase: string } | undefined> }): string {
  return CELLS.map(
    (cell) =>
      `${cell} ${record.progress[progressKey(`depot-${cell}`, 'local')]?.phase ?? 'not touched'}`,
  ).join(', ');
}

export async function benchCells(): Promise<BenchResult> {
  const requests = Number(process.env.REQUESTS ?? 10_000);
  const rounds = Number(process.env.ROUNDS ?? 7);
  const loadBefore = loadavg()[0] ?? 0;
  const { runs, errors } = await measureGatewayCpu(rounds, requests);
  const loadAfter = loadavg()[0] ?? 0;
  const routing = measureRoutingNs(1_000_000);
  const bad = process.env.CELLS_SKIP_BAD_DEPLOYMENT ? undefined : await measureBadCellDeployment();
  const list = (values: number[]) => values.map((v) => v.toFixed(1)).join(', ');
  const row = (kind: 'rest' | 'graphql', label: string) => {
    const plain = median(runs[`${kind} plain`]);
    const cells = median(runs[`${kind} cells`]);
    const signed = (v: number, digits: number) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
    const added = `${signed(cells - plain, 1)} us (${signed(((cells - plain) / plain) * 100, 1)}%)`;
    const spread = (values: number[]) =>
      `${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)}`;
    return `| ${label} without cells | ${plain.toFixed(1)} us | | ${spread(runs[`${kind} plain`])} | ${list(runs[`${kind} plain`])} |
| ${label} with cells | ${cells.toFixed(1)} us | ${added} | ${spread(runs[`${kind} cells`])} | ${list(runs[`${kind} cells`])} |
| ${label} routing alone | ${(routing[kind] / 1000).toFixed(3)} us | ${((routing[kind] / 1000 / plain) * 100).toFixed(2)}% of the request | | in this process, 1,000,000 calls |`;
  };
  const rows = bad?.reports.map((r, i) => `| ${CELLS[i]} | ${r.sent} | ${r.failed} |`).join('\n');
  return {
    title: 'Cells: routing cost and a bad version in one cell',
    body: `Gateway CPU per request to one module (\`bench/cells.bench.ts\`), with its cell map (three cells, 4,096 buckets, one override) and without: a gateway process of its own, bundled as the Lambda is, invoking through the real lean invoker over loopback a stand-in Lambda in another process (\`bench/gateway/fake-cell-lambda.ts\`, answering at once), as the gateway benchmark does; ${requests} requests at 16 in flight per run after 2,000 to warm up; ${rounds} rounds, each running the four cases in turn; medians. REST: \`GET /depot/items/...\` with the key in \`x-facility-id\`; GraphQL: \`depotCell(facility: $f)\` with the key in a variable; 1,000 keys. Target: routing by cell adds under 5%. Load average (1 min) ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after; answers other than a clean 200: ${errors}. "Routing alone" is the compiled router (REST: the header rule, the hash, the table; GraphQL: the variable read, the hash, the table) timed in the benchmark's process over the same keys: what a cellular module's request runs that another's does not. On a machine shared with other work the runs of one case spread by more than the routing costs, so the two gateways' medians differ by noise as much as by cells; the routing alone is the bound.

| request | CPU per request | added by cells | range (us) | runs (us) |
|---|---|---|---|---|
${row('rest', 'REST')}
${row('graphql', 'GraphQL')}
${
  bad
    ? `
A version that fails every request, deployed to \`depot\` (three cells, test/fixtures/cells) on the local cloud under a steady load over five keys of each cell (GET through the gateway, 2 loops per cell): the deployment ended \`${bad.record.state}\` after ${bad.seconds.toFixed(1)} s; per cell, its record's last phase: ${phases(bad.record)}. Target: 0 errors outside the bad cell.

| keys of | requests | errors |
|---|---|---|
${rows}

Cells 2 and 3 run their own functions, so nothing of the bad version reaches them; errors there would be the machine's (a request past the gateway's 10 s timeout on a starved machine), and are shown as measured.`
    : '\n(The bad-version deployment was skipped: CELLS_SKIP_BAD_DEPLOYMENT was set.)'
}`,
  };
}
