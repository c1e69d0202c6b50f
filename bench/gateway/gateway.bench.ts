/**
 * Measures the gateway against its targets (BENCHMARKS.md) with fake modules: the
 * modules run in another process (a fake Invoke API, fake-lambda.ts) so their CPU is not
 * the gateway's; invokes go through the real lean invoker over loopback HTTP. The closed
 * loop (CPU per request, req/s, peak RSS) runs in a gateway process of its own
 * (run-gateway-load.ts); the open loop (overhead at a fixed rate) in this one. Also the
 * bundled cold start, node's own boot and the Lambda bundle.
 *
 * Run: `NODE_ENV=production node bin/run-ts.js bench/gateway/gateway.bench.ts`
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SupergraphGeneration } from '../../contracts/registry.ts';
import { createGateway } from '../../gateway/create-gateway.ts';
import { createLambdaInvoker } from '../../gateway/invoke/create-lambda-invoker.ts';
import { percentile } from '../measure.ts';
import { benchGeneration, benchModulesGeneration, KNOWN_FOR_QUERY } from './bench-modules.ts';
import { bundleLikeGatewayLambda } from './bundle-like-gateway-lambda.ts';
import { LAMBDA_LIKE_CREDENTIALS } from './lambda-like-credentials.ts';
import { lambdaLikeEnv } from './lambda-like-env.ts';
import { type GatewayLoadFigures, runGatewayLoad } from './run-gateway-load.ts';
import { startStandInLambda } from './start-stand-in-lambda.ts';
import { timeInvokes } from './time-invokes.ts';

export interface OpenLoopFigures {
  rate: number;
  requests: number;
  /** Latency minus the union of the request's invoke intervals. */
  overheadP50Ms: number;
  overheadP99Ms: number;
  latencyP99Ms: number;
}

export interface FakeModuleFigures {
  /** In a gateway process of its own. */
  closedLoop: GatewayLoadFigures;
  /** In the benchmark process. */
  openLoop: OpenLoopFigures;
}

const root = join(import.meta.dirname, '..', '..');
const CREDENTIALS = LAMBDA_LIKE_CREDENTIALS;

/** The 2-level Known-for query of the fake modules, for one of 50 names. */
const knownForBody = (id: number) =>
  JSON.stringify({ query: KNOWN_FOR_QUERY, variables: { id: `n${id % 50}` } });

/**
 * The fake modules in another process; the closed loop (16 in flight, `requests` after
 * 1,000 to warm up) in a gateway process of its own, then the open loop at `rate` req/s
 * for `openLoopSeconds` in this process.
 */
export async function measureFakeModules(
  options: { requests: number; openLoopSeconds: number; rate: number; queryPlanner?: boolean } = {
    requests: 5000,
    openLoopSeconds: 10,
    rate: 500,
  },
): Promise<FakeModuleFigures> {
  const fake = await startStandInLambda('fake-lambda.ts');
  try {
    const closedLoop = await runGatewayLoad({
      region: 'us-east-1',
      lambdaEndpoint: fake.url,
      credentials: CREDENTIALS,
      generation: benchModulesGeneration(),
      queryPlanner: options.queryPlanner ?? true,
      bodies: Array.from({ length: 50 }, (_, id) => knownForBody(id)),
      warmupRequests: 1000,
      requests: options.requests,
    });
    const openLoop = await measureOpenLoop(fake.url, options);
    return { closedLoop, openLoop };
  } finally {
    fake.child.kill('SIGTERM');
  }
}

/** Latency and overhead (latency minus time waiting on modules) at a fixed rate, in this process. */
async function measureOpenLoop(
  lambdaEndpoint: string,
  options: { openLoopSeconds: number; rate: number; queryPlanner?: boolean },
): Promise<OpenLoopFigures> {
  const lambda = createLambdaInvoker({
    region: 'us-east-1',
    endpoint: lambdaEndpoint,
    credentials: CREDENTIALS,
  });
  const { timed, waited } = timeInvokes(lambda.invoke);
  const generation = benchModulesGeneration();
  const gateway = createGateway({
    registry: { load: async () => generation, peekNewest: async () => 1 },
    invoke: timed,
    pollIntervalMs: 3_600_000,
    queryPlanner: options.queryPlanner,
  });
  await gateway.start();
  let next = 0;
  const one = async () => {
    const id = next++;
    const response = await gateway.handle({
      method: 'POST',
      path: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: Buffer.from(knownForBody(id)),
      requestId: `bench-${id}`,
    });
    if (response.statusCode !== 200 || String(response.body).includes('errors')) {
      throw new Error(`unexpected answer: ${String(response.body)}`);
    }
    return waited(`bench-${id}`);
  };

  // Warm up: JIT, document cache, keep-alive connections.
  for (let i = 0; i < 1000; i++) await one();

  const overheads: number[] = [];
  const latencies: number[] = [];
  const total = options.rate * options.openLoopSeconds;
  const interval = 1000 / options.rate;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      (async () => {
        const began = performance.now();
        const { total: onModules } = await one();
        const latency = performance.now() - began;
        latencies.push(latency);
        overheads.push(latency - onModules);
      })(),
    );
  }
  await Promise.all(pending);
  gateway.stop();
  await lambda.close();
  overheads.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  return {
    rate: options.rate,
    requests: total,
    overheadP50Ms: percentile(overheads, 50),
    overheadP99Ms: percentile(overheads, 99),
    latencyP99Ms: percentile(latencies, 99),
  };
}

/**
 * Bundles cold-start.ts with esbuild (as the gateway Lambda is bundled) and runs it in
 * fresh processes, as Lambda would start them (lambda-like-env.ts); returns the median run.
 */
export async function measureColdStart(
  runs = 5,
  options: { modules?: number; bundle?: string } = {},
): Promise<Record<string, number>> {
  const generationFile = join(root, '.turnout', 'bench', 'cold-start-generation.json');
  await mkdir(dirname(generationFile), { recursive: true });
  await writeFile(generationFile, JSON.stringify(coldStartGeneration(options.modules ?? 10)));
  const outfile = options.bundle ?? (await bundleColdStart());
  const results: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(await runForItsLine(outfile, lambdaLikeEnv({ GENERATION_FILE: generationFile })));
  }
  results.sort((a, b) => (a.totalMs ?? 0) - (b.totalMs ?? 0));
  return results[Math.floor(results.length / 2)] ?? {};
}

/**
 * Node's own start on this machine: a fresh process running an empty module, median of
 * `runs`; in Lambda's environment unless told another (this sandbox's own, say).
 */
export async function measureNodeBoot(runs = 5, env = lambdaLikeEnv()): Promise<number> {
  const file = join(root, '.turnout', 'bench', 'empty.mjs');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, 'console.log(JSON.stringify({ bootMs: performance.now() }));\n');
  const boots: number[] = [];
  for (let i = 0; i < runs; i++) boots.push((await runForItsLine(file, env)).bootMs ?? Number.NaN);
  return boots.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
}

/** Runs a script in a fresh node and answers the JSON line it prints first, once it has exited. */
async function runForItsLine(
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<Record<string, number>> {
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  await exited;
  return JSON.parse(line);
}

/** The gateway Lambda's bundle (gateway/lambda.ts, esbuild, minified, as the gateway stack bundles it), in bytes. */
export async function measureBundle(): Promise<number> {
  const entry = join(root, 'gateway', 'lambda.ts');
  const result = await bundleLikeGatewayLambda(entry, 'lambda.mjs', { write: false });
  return result.outputFiles?.find((f) => f.path.endsWith('.mjs'))?.contents.byteLength ?? 0;
}

/**
 * A published generation of `count` modules, as publish writes it (with the supergraph
 * SDL): module i owns `Thing<i>` and adds a field to the shared `Title`.
 */
export function coldStartGeneration(count: number): SupergraphGeneration {
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
  return benchGeneration(subgraphs);
}

/** Bundles cold-start.ts as the gateway Lambda is bundled (esbuild, minified); answers its path. */
export async function bundleColdStart(
  outfile = join(root, '.turnout', 'bench', 'cold-start.mjs'),
): Promise<string> {
  await bundleLikeGatewayLambda(join(import.meta.dirname, 'cold-start.ts'), outfile);
  return outfile;
}

if (process.argv[1]?.endsWith('gateway.bench.ts')) {
  console.log(
    JSON.stringify(
      { coldStart: await measureColdStart(), fakeModules: await measureFakeModules() },
      null,
      2,
    ),
  );
}
