/**
 * The gateway with the real IMDb graphlets (names, titles, ratings, images: provisioned,
 * seeded and published on a local cloud in another process, imdb-cloud.ts), so that
 * process.cpuUsage() here is the gateway's own: CPU per request, req/s and latency at
 * concurrency 16 for the Known-for query and the 50-person list, with the query planner
 * and through graphql-tools alone, alternately in one run; and a REST route (hello).
 *
 * Run: `NODE_ENV=production node bin/run-ts.js gateway/bench/imdb.bench.ts`
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import type { SupergraphGeneration } from '../../infra/registry/registry-contract.ts';
import { createGateway, type Gateway } from '../create-gateway.ts';
import { createLambdaInvoker } from '../invoke/create-lambda-invoker.ts';
import type { Invoker } from '../invoke/types.ts';
import { startGatewayServer } from '../server.ts';
import { timeInvokes } from './time-invokes.ts';

export const KNOWN_FOR = `{ name(id: "nm0000329") { name knownFor(first: 4) {
  id title year rating { stars votes } primaryImage { url } } } }`;
export const FIFTY_PEOPLE = `{ people(first: 50) { items { id name knownFor(first: 4) {
  id title year rating { stars votes } primaryImage { url } } } nextCursor } }`;

const root = join(import.meta.dirname, '..', '..');

export interface ImdbCloud {
  region: string;
  lambdaEndpoint: string;
  generation: SupergraphGeneration;
  stop(): void;
}

/** Starts imdb-cloud.ts in a child process and waits for its endpoints. */
export async function startImdbCloud(): Promise<ImdbCloud> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'bin/run-ts.js'), join(import.meta.dirname, 'imdb-cloud.ts')],
    { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    if (!line.startsWith('{"region"')) continue;
    const ready = JSON.parse(line) as Omit<ImdbCloud, 'stop'>;
    return { ...ready, stop: () => child.kill('SIGTERM') };
  }
  throw new Error('imdb-cloud.ts exited before it was ready');
}

/**
 * Keeps every module answer by function and payload (request id aside), and replays them:
 * the gateway's own CPU with modules that answer from memory, no sockets.
 */
export function recordInvokes(invoke: Invoker) {
  const answers = new Map<string, Awaited<ReturnType<Invoker>>>();
  const keyOf = (request: Parameters<Invoker>[0]) =>
    `${request.functionName} ${request.payload.replace(/"context":\{[^}]*\}/, '')}`;
  const recording: Invoker = async (request) => {
    const result = await invoke(request);
    if (!result.functionError) answers.set(keyOf(request), result);
    return result;
  };
  const replay: Invoker = async (request) => {
    const answer = answers.get(keyOf(request));
    if (!answer) throw new Error(`no recorded answer for ${keyOf(request).slice(0, 200)}`);
    return answer;
  };
  return { recording, replay };
}

export interface LoadFigures {
  requests: number;
  cpuUsPerRequest: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  overheadP50Ms: number;
  overheadP99Ms: number;
  invokesPerRequest: number;
  /** Answers with errors (a module timing out on a loaded machine, say). */
  errors: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
  Number.NaN;

/** `total` requests at concurrency 16 through `gateway.handle`, in process (no HTTP). */
export async function closedLoop(
  gateway: Gateway,
  clock: ReturnType<typeof timeInvokes>,
  body: string,
  total: number,
  concurrency = 16,
): Promise<LoadFigures> {
  let errors = 0;
  let started = 0;
  const latencies: number[] = [];
  const overheads: number[] = [];
  const invokes0 = clock.invokes();
  const one = async () => {
    const requestId = `bench-${Math.random().toString(36).slice(2)}`;
    const began = performance.now();
    const response = await gateway.handle({
      method: 'POST',
      path: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(body),
      requestId,
    });
    const latency = performance.now() - began;
    if (response.statusCode !== 200 || String(response.body).includes('"errors"')) {
      if (errors++ === 0)
        console.error(`unexpected answer: ${String(response.body).slice(0, 300)}`);
    }
    latencies.push(latency);
    overheads.push(latency - clock.waited(requestId).total);
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < total) {
        started++;
        await one();
      }
    }),
  );
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  overheads.sort((a, b) => a - b);
  return {
    requests: total,
    cpuUsPerRequest: (cpu.user + cpu.system) / total,
    perSecond: (total / elapsed) * 1000,
    p50Ms: pct(latencies, 50),
    p99Ms: pct(latencies, 99),
    overheadP50Ms: pct(overheads, 50),
    overheadP99Ms: pct(overheads, 99),
    invokesPerRequest: (clock.invokes() - invokes0) / total,
    errors,
  };
}

/** req/s and latency at concurrency 16 over HTTP to the local gateway server (client in this process). */
export async function overHttp(
  url: string,
  request: { method: string; path: string; body?: string },
  total: number,
): Promise<Pick<LoadFigures, 'requests' | 'perSecond' | 'p50Ms' | 'p99Ms'>> {
  const pool = new Pool(url, { connections: 16 });
  const latencies: number[] = [];
  let started = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (started < total) {
        started++;
        const began = performance.now();
        const response = await pool.request({
          method: request.method as 'GET' | 'POST',
          path: request.path,
          body: request.body,
          headers: { 'content-type': 'application/json' },
        });
        const text = await response.body.text();
        if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${text}`);
        latencies.push(performance.now() - began);
      }
    }),
  );
  const elapsed = performance.now() - t0;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    perSecond: (total / elapsed) * 1000,
    p50Ms: pct(latencies, 50),
    p99Ms: pct(latencies, 99),
  };
}

export interface ImdbFigures {
  /** CPU per request (us) with the modules' recorded answers replayed from memory. */
  core: Record<'knownFor' | 'fiftyPeople', { planner: number; graphqlTools: number }>;
  knownFor: { planner: LoadFigures; graphqlTools: LoadFigures };
  fiftyPeople: { planner: LoadFigures; graphqlTools: LoadFigures };
  http: {
    knownFor: Awaited<ReturnType<typeof overHttp>>;
    rest: Awaited<ReturnType<typeof overHttp>>;
  };
  peakRssMiB: number;
}

/** Runs the whole IMDb measurement; bounded: about 4,000 requests in all. */
export async function measureImdb(
  sizes = { knownFor: 1500, fiftyPeople: 150, http: 1000 },
): Promise<ImdbFigures> {
  const cloud = await startImdbCloud();
  const lambda = createLambdaInvoker({
    region: cloud.region,
    endpoint: cloud.lambdaEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const recorder = recordInvokes(lambda.invoke);
  const clock = timeInvokes(recorder.recording);
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  try {
    const gateways = {
      planner: createGateway({
        registry: { load: async () => cloud.generation, peekNewest: async () => 1 },
        invoke: clock.timed,
        pollIntervalMs: 3_600_000,
      }),
      graphqlTools: createGateway({
        registry: { load: async () => cloud.generation, peekNewest: async () => 1 },
        invoke: clock.timed,
        pollIntervalMs: 3_600_000,
        queryPlanner: false,
      }),
    };
    const knownFor = JSON.stringify({ query: KNOWN_FOR });
    const fifty = JSON.stringify({ query: FIFTY_PEOPLE });
    for (const gateway of Object.values(gateways)) {
      await gateway.start();
      // Warm: JIT, caches, then the Lambda workers a few at a time (each boots in a thread).
      await closedLoop(gateway, clock, knownFor, 20, 1);
      await closedLoop(gateway, clock, fifty, 5, 1);
      await closedLoop(gateway, clock, knownFor, 100, 4);
      await closedLoop(gateway, clock, knownFor, 300);
      await closedLoop(gateway, clock, fifty, 30);
    }
    const run = async (body: string, total: number) => {
      // Alternating halves, so both share the machine's noise.
      const half = Math.ceil(total / 2);
      const a1 = await closedLoop(gateways.planner, clock, body, half);
      const b1 = await closedLoop(gateways.graphqlTools, clock, body, half);
      const a2 = await closedLoop(gateways.planner, clock, body, half);
      const b2 = await closedLoop(gateways.graphqlTools, clock, body, half);
      return { planner: mean(a1, a2), graphqlTools: mean(b1, b2) };
    };
    const core = await measureCore(cloud.generation, recorder.replay, { knownFor, fifty });
    const knownForFigures = await run(knownFor, sizes.knownFor);
    const fiftyFigures = await run(fifty, sizes.fiftyPeople);
    for (const gateway of Object.values(gateways)) gateway.stop();

    const server = await startGatewayServer({
      port: 0,
      registry: { load: async () => cloud.generation, peekNewest: async () => 1 },
      invoke: lambda.invoke,
      pollIntervalMs: 3_600_000,
    });
    await overHttp(server.url, { method: 'GET', path: '/hello?name=bench' }, 200);
    const httpKnownFor = await overHttp(
      server.url,
      { method: 'POST', path: '/graphql', body: knownFor },
      sizes.http,
    );
    const rest = await overHttp(
      server.url,
      { method: 'GET', path: '/hello?name=bench' },
      sizes.http,
    );
    await server.stop();
    return {
      core,
      knownFor: knownForFigures,
      fiftyPeople: fiftyFigures,
      http: { knownFor: httpKnownFor, rest },
      peakRssMiB: peakRss / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
    await lambda.close();
    cloud.stop();
  }
}

/** The gateway core's CPU per request with the recorded answers, planner and graphql-tools alternately. */
async function measureCore(
  generation: SupergraphGeneration,
  replay: Invoker,
  bodies: { knownFor: string; fifty: string },
): Promise<ImdbFigures['core']> {
  const gateway = (queryPlanner: boolean) =>
    createGateway({
      registry: { load: async () => generation, peekNewest: async () => 1 },
      invoke: replay,
      pollIntervalMs: 3_600_000,
      queryPlanner,
    });
  const gateways = { planner: gateway(true), graphqlTools: gateway(false) };
  const clock = timeInvokes(replay);
  const cpu = async (g: Gateway, body: string, total: number) =>
    (await closedLoop(g, clock, body, total)).cpuUsPerRequest;
  const figures: ImdbFigures['core'] = {
    knownFor: { planner: 0, graphqlTools: 0 },
    fiftyPeople: { planner: 0, graphqlTools: 0 },
  };
  for (const [name, body, total] of [
    ['knownFor', bodies.knownFor, 3000],
    ['fiftyPeople', bodies.fifty, 300],
  ] as const) {
    for (const g of Object.values(gateways)) await cpu(g, body, total / 3); // warm
    for (let round = 0; round < 2; round++) {
      figures[name].planner += (await cpu(gateways.planner, body, total)) / 2;
      figures[name].graphqlTools += (await cpu(gateways.graphqlTools, body, total)) / 2;
    }
  }
  for (const g of Object.values(gateways)) g.stop();
  return figures;
}

/** Averages two runs of the same size; percentiles as the mean of the two (an approximation). */
function mean(a: LoadFigures, b: LoadFigures): LoadFigures {
  const avg = (k: keyof LoadFigures) => (a[k] + b[k]) / 2;
  return {
    requests: a.requests + b.requests,
    cpuUsPerRequest: avg('cpuUsPerRequest'),
    perSecond: avg('perSecond'),
    p50Ms: avg('p50Ms'),
    p99Ms: avg('p99Ms'),
    overheadP50Ms: avg('overheadP50Ms'),
    overheadP99Ms: avg('overheadP99Ms'),
    invokesPerRequest: avg('invokesPerRequest'),
    errors: a.errors + b.errors,
  };
}

if (process.argv[1]?.endsWith('imdb.bench.ts')) {
  console.log(JSON.stringify(await measureImdb(), null, 2));
}
