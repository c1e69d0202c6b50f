/**
 * Measures the gateway against its targets (DESIGN.md; the brief): CPU per request for a
 * 2-level query, overhead at 500 req/s, RSS. The modules run in another process (a fake
 * Invoke API, fake-lambda.ts) so their CPU is not the gateway's; invokes go through the
 * real lean invoker (aws4 + undici) over loopback HTTP.
 *
 * Run: `node bin/run-ts.js gateway/bench/gateway.bench.ts`
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { printSchema } from 'graphql';
import { composeSupergraph } from '../../infra/publish/index.ts';
import type { SupergraphGeneration } from '../../infra/registry/registry-contract.ts';
import { createGateway } from '../create-gateway.ts';
import { createLambdaInvoker } from '../invoke/create-lambda-invoker.ts';
import type { GatewayRequest } from '../types.ts';
import { benchGeneration, benchModulesGeneration, KNOWN_FOR_QUERY } from './bench-modules.ts';
import { timeInvokes } from './time-invokes.ts';

export interface GatewayBenchFigures {
  cpuUsPerRequest: number;
  requestsPerSecondClosedLoop: number;
  overheadP50Ms: number;
  overheadP99Ms: number;
  latencyP99Ms: number;
  openLoopRate: number;
  rssMiB: number;
  invokesPerRequest: number;
}

const root = join(import.meta.dirname, '..', '..');

async function startFakeLambda(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin/run-ts.js'), join(import.meta.dirname, 'fake-lambda.ts')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [url] = (await once(lines, 'line')) as [string];
  return { url, child };
}

function request(id: number): GatewayRequest {
  return {
    method: 'POST',
    path: '/graphql',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: Buffer.from(JSON.stringify({ query: KNOWN_FOR_QUERY, variables: { id: `n${id % 50}` } })),
    requestId: `bench-${id}`,
  };
}

export async function measureGateway(
  options: { closedLoop: number; openLoopSeconds: number; rate: number; queryPlanner?: boolean } = {
    closedLoop: 5000,
    openLoopSeconds: 10,
    rate: 500,
  },
) {
  const fake = await startFakeLambda();
  const lambda = createLambdaInvoker({
    region: 'us-east-1',
    endpoint: fake.url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
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
    const response = await gateway.handle(request(id));
    if (response.statusCode !== 200 || String(response.body).includes('errors')) {
      throw new Error(`unexpected answer: ${String(response.body)}`);
    }
    return waited(`bench-${id}`);
  };

  // Warm up: JIT, document cache, keep-alive connections.
  for (let i = 0; i < 1000; i++) await one();

  // Closed loop: the gateway's CPU per request (the modules run in the other process).
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let invokes = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < 1000 + options.closedLoop) {
        const { count } = await one();
        invokes += count;
      }
    }),
  );
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const done = next - 1000;
  const cpuUsPerRequest = (cpu.user + cpu.system) / done;
  console.error(
    `closed loop: ${done} requests, ${cpuUsPerRequest.toFixed(0)} us CPU each, ${((done / elapsed) * 1000).toFixed(0)}/s`,
  );

  // Open loop at a fixed rate: latency and overhead (latency minus time waiting on modules).
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
  const rss = process.memoryUsage().rss / 1024 / 1024;
  gateway.stop();
  await lambda.close();
  fake.child.kill('SIGTERM');
  overheads.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  const pct = (values: number[], p: number) =>
    values[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] ?? Number.NaN;
  return {
    cpuUsPerRequest,
    requestsPerSecondClosedLoop: (done / elapsed) * 1000,
    overheadP50Ms: pct(overheads, 50),
    overheadP99Ms: pct(overheads, 99),
    latencyP99Ms: pct(latencies, 99),
    openLoopRate: options.rate,
    rssMiB: rss,
    invokesPerRequest: invokes / done,
  } satisfies GatewayBenchFigures;
}

/**
 * Bundles cold-start.ts with esbuild (as the gateway Lambda is bundled) and runs it in
 * fresh processes; returns the median run.
 */
export async function measureColdStart(
  runs = 5,
  options: { modules?: number; bundle?: string; requestsAfter?: number } = {},
): Promise<Record<string, number>> {
  const generationFile = join(root, '.turnout', 'bench', 'cold-start-generation.json');
  await mkdir(dirname(generationFile), { recursive: true });
  await writeFile(generationFile, JSON.stringify(coldStartGeneration(options.modules ?? 10)));
  const outfile = options.bundle ?? (await bundleColdStart());
  const results: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawn(process.execPath, [outfile], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        GENERATION_FILE: generationFile,
        WARM_REQUESTS: String(options.requestsAfter ?? 0),
      },
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const [line] = (await once(lines, 'line')) as [string];
    results.push(JSON.parse(line));
    await once(child, 'exit');
  }
  results.sort((a, b) => (a.totalMs ?? 0) - (b.totalMs ?? 0));
  return results[Math.floor(results.length / 2)] ?? {};
}

/** Node's own start on this machine: a fresh process running an empty module, median of `runs`. */
export async function measureNodeBoot(runs = 5): Promise<number> {
  const file = join(root, '.turnout', 'bench', 'empty.mjs');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, 'console.log(JSON.stringify({ bootMs: performance.now() }));\n');
  const boots: number[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const [line] = (await once(lines, 'line')) as [string];
    boots.push((JSON.parse(line) as { bootMs: number }).bootMs);
    await once(child, 'exit');
  }
  return boots.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
}

/** The gateway Lambda's bundle (gateway/lambda.ts, esbuild, minified, as the gateway stack bundles it), in bytes. */
export async function measureBundle(): Promise<number> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, 'gateway', 'lambda.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    write: false,
    outfile: 'lambda.mjs',
    banner: {
      js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
  });
  return result.outputFiles.find((f) => f.path.endsWith('.mjs'))?.contents.byteLength ?? 0;
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
  return benchGeneration(subgraphs, printSchema(composeSupergraph(subgraphs)));
}

/** Bundles cold-start.ts as the gateway Lambda is bundled (esbuild, minified); answers its path. */
export async function bundleColdStart(
  outfile = join(root, '.turnout', 'bench', 'cold-start.mjs'),
): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(import.meta.dirname, 'cold-start.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    outfile,
    banner: {
      js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
  });
  return outfile;
}

if (process.argv[1]?.endsWith('gateway.bench.ts')) {
  console.log(
    JSON.stringify(
      { coldStart: await measureColdStart(), steady: await measureGateway() },
      null,
      2,
    ),
  );
}
