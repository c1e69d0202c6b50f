/**
 * The gateway with the real IMDb graphlets (names, titles, ratings, images: provisioned,
 * seeded and published on a local cloud in another process, imdb-cloud.ts): CPU per
 * request, req/s, latency and peak RSS at concurrency 16 for the Known-for query and the
 * 50-person list, each in a gateway process of its own (run-gateway-load.ts), with the
 * query planner and through graphql-tools alone, alternately in one run; the core's CPU
 * with the recorded answers replayed in this process; and, over HTTP to the local gateway
 * server in this process, Known for and a REST route (hello).
 *
 * Run: `NODE_ENV=production node bin/run-ts.js bench/gateway/imdb.bench.ts`
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import type { SupergraphGeneration } from '../../contracts/registry.ts';
import { createGateway, type Gateway } from '../../gateway/create-gateway.ts';
import { createLambdaInvoker } from '../../gateway/invoke/create-lambda-invoker.ts';
import type { Invoker } from '../../gateway/invoke/types.ts';
import { startGatewayServer } from '../../gateway/server.ts';
import type { GatewayRequest } from '../../gateway/types.ts';
import { type LatencySummary, runLoad } from '../measure.ts';
import { LAMBDA_LIKE_CREDENTIALS } from './lambda-like-credentials.ts';
import { measureClosedLoop } from './measure-closed-loop.ts';
import { recordedAnswerKey } from './recorded-answer-key.ts';
import { type GatewayLoadFigures, runGatewayLoad } from './run-gateway-load.ts';
import { startStandInLambda } from './start-stand-in-lambda.ts';

/** IMDb's Known-for widget for one person: names, then titles, ratings and images. */
export const KNOWN_FOR = `query KnownFor($id: ID!) { name(id: $id) { name knownFor(first: 4) {
  id title year rating { stars votes } primaryImage { url } } } }`;
/** A page of 50 people, each with their Known-for titles. */
export const FIFTY_PEOPLE = `query People($after: String) { people(first: 50, after: $after) {
  items { id name knownFor(first: 4) { id title year rating { stars votes } primaryImage { url } } }
  nextCursor } }`;

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
    recordedAnswerKey(request.functionName, request.payload);
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
  return { recording, replay, answers };
}

/** A GraphQL POST of `body` as the gateway core receives it. */
const graphqlPost = (body: string, requestId: string): GatewayRequest => ({
  method: 'POST',
  path: '/graphql',
  rawQueryString: '',
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(body),
  requestId,
});

/** `requests` through `gateway.handle` in this process, the bodies in turn, 16 in flight (no HTTP). */
const inProcess = (gateway: Gateway, bodies: string[], requests: number, concurrency = 16) =>
  measureClosedLoop(
    (i) => gateway.handle(graphqlPost(bodies[i % bodies.length] ?? '', `bench-${i}`)),
    { requests, concurrency },
  );

/**
 * The requests the loads send, all different, so that concurrent requests ask different
 * things as real traffic does (identical invokes in flight at once share one call,
 * dedupeInvokes): the Known-for widget of each of the first 100 people, and 32 lists of 50
 * people, starting at the first, second, ... person (cursors from the names graphlet).
 */
async function imdbBodies(gateway: Gateway): Promise<{ knownFor: string[]; fifty: string[] }> {
  const people = async (query: string) => {
    const answer = await gateway.handle(graphqlPost(JSON.stringify({ query }), 'bench-setup'));
    const { data } = JSON.parse(String(answer.body)) as {
      data?: { people: { items?: { id: string }[]; nextCursor?: string | null } };
    };
    if (!data) throw new Error(`no people: ${String(answer.body).slice(0, 300)}`);
    return data.people;
  };
  const request = (query: string, variables: Record<string, unknown>) =>
    JSON.stringify({ query, variables });
  const { items = [] } = await people('{ people(first: 100) { items { id } } }');
  const knownFor = items.map(({ id }) => request(KNOWN_FOR, { id }));
  const fifty = [request(FIFTY_PEOPLE, { after: null })];
  for (let skip = 1; skip < 32; skip++) {
    const { nextCursor } = await people(`{ people(first: ${skip}) { nextCursor } }`);
    fifty.push(request(FIFTY_PEOPLE, { after: nextCursor }));
  }
  return { knownFor, fifty };
}

/**
 * req/s and latency at concurrency 16 over HTTP to the local gateway server (client in
 * this process), the bodies in turn.
 */
export async function overHttp(
  url: string,
  request: { method: string; path: string; bodies?: string[] },
  total: number,
): Promise<LatencySummary> {
  const pool = new Pool(url, { connections: 16 });
  let next = 0;
  const summary = await runLoad(
    async () => {
      const response = await pool.request({
        method: request.method as 'GET' | 'POST',
        path: request.path,
        body: request.bodies?.[next++ % request.bodies.length],
        headers: { 'content-type': 'application/json' },
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${text}`);
    },
    { total, concurrency: 16 },
  );
  await pool.close();
  return summary;
}

/** The planner and graphql-tools, each in gateway processes of its own (gateway-load-runner.ts). */
export interface PlannerAndGraphqlTools {
  planner: GatewayLoadFigures;
  graphqlTools: GatewayLoadFigures;
}

export interface ImdbFigures {
  /** CPU per request (us) in this process, with the modules' recorded answers replayed from memory. */
  core: Record<'knownFor' | 'fiftyPeople', { planner: number; graphqlTools: number }>;
  knownFor: PlannerAndGraphqlTools;
  fiftyPeople: PlannerAndGraphqlTools;
  /**
   * The planner's loads against the recorded answers, served over loopback by
   * replay-lambda.ts; `knownForOneAtATime` with one request in flight, as a Lambda
   * execution environment serves them.
   */
  replayed: Record<'knownFor' | 'fiftyPeople' | 'knownForOneAtATime', GatewayLoadFigures>;
  http: { knownFor: LatencySummary; rest: LatencySummary };
}

/** Runs the whole IMDb measurement; bounded: about 4,000 requests in all. */
export async function measureImdb(
  sizes = { knownFor: 1500, fiftyPeople: 150, replayed: 12_000, http: 1000 },
): Promise<ImdbFigures> {
  const cloud = await startImdbCloud();
  const credentials = LAMBDA_LIKE_CREDENTIALS;
  const lambda = createLambdaInvoker({
    region: cloud.region,
    endpoint: cloud.lambdaEndpoint,
    credentials,
  });
  const recorder = recordInvokes(lambda.invoke);
  try {
    const planner = gatewayOn(cloud.generation, recorder.recording, true);
    const bodies = await imdbBodies(planner);
    for (const gateway of [planner, gatewayOn(cloud.generation, recorder.recording, false)]) {
      await warmAndRecord(gateway, bodies);
      gateway.stop();
    }
    const core = await measureCore(cloud.generation, recorder.replay, bodies);
    /** Half of `total` requests in a gateway process of its own, warmed with half as many. */
    const halfLoad = (
      lambdaEndpoint: string,
      body: string[],
      total: number,
      queryPlanner: boolean,
      concurrency = 16,
    ) => {
      const half = Math.ceil(total / 2);
      return runGatewayLoad({
        region: cloud.region,
        lambdaEndpoint,
        credentials,
        generation: cloud.generation,
        queryPlanner,
        bodies: body,
        warmupRequests: Math.ceil(half / 2),
        requests: half,
        concurrency,
      });
    };
    const alternately = async (body: string[], total: number): Promise<PlannerAndGraphqlTools> => {
      // Two rounds, planner and graphql-tools in turn, so both share the machine's noise.
      const run = (queryPlanner: boolean) =>
        halfLoad(cloud.lambdaEndpoint, body, total, queryPlanner);
      const planner1 = await run(true);
      const graphqlTools1 = await run(false);
      const planner2 = await run(true);
      const graphqlTools2 = await run(false);
      return {
        planner: bothRounds(planner1, planner2),
        graphqlTools: bothRounds(graphqlTools1, graphqlTools2),
      };
    };
    const replay = await startReplayLambda(recorder.answers);
    const plannerTwice = async (body: string[], total: number, concurrency?: number) =>
      bothRounds(
        await halfLoad(replay.url, body, total, true, concurrency),
        await halfLoad(replay.url, body, total, true, concurrency),
      );
    const replayed = {
      knownFor: await plannerTwice(bodies.knownFor, sizes.replayed),
      fiftyPeople: await plannerTwice(bodies.fifty, Math.ceil(sizes.replayed / 10)),
      knownForOneAtATime: await plannerTwice(bodies.knownFor, Math.ceil(sizes.replayed / 2), 1),
    };
    replay.child.kill('SIGTERM');
    const knownFor = await alternately(bodies.knownFor, sizes.knownFor);
    const fiftyPeople = await alternately(bodies.fifty, sizes.fiftyPeople);
    const http = await measureOverHttp(cloud.generation, lambda.invoke, bodies, sizes.http);
    return { core, knownFor, fiftyPeople, replayed, http };
  } finally {
    await lambda.close();
    cloud.stop();
  }
}

/** replay-lambda.ts serving `answers` from a file, in a process of its own. */
async function startReplayLambda(answers: Map<string, unknown>) {
  const file = join(root, '.turnout', 'bench', `imdb-answers-${process.pid}.json`);
  await mkdir(join(root, '.turnout', 'bench'), { recursive: true });
  await writeFile(file, JSON.stringify([...answers]));
  return startStandInLambda('replay-lambda.ts', [file]);
}

const gatewayOn = (generation: SupergraphGeneration, invoke: Invoker, queryPlanner: boolean) =>
  createGateway({
    registry: { load: async () => generation, peekNewest: async () => 1 },
    invoke,
    pollIntervalMs: 3_600_000,
    queryPlanner,
  });

/**
 * Records every module answer the bodies need (through a recording invoker): each body
 * once, one at a time, again when a module failed (a loaded machine times out); this also
 * warms the Lambda workers gently (each boots in a thread). Then loads that warm more of
 * them before the gateway processes load them.
 */
async function warmAndRecord(gateway: Gateway, bodies: { knownFor: string[]; fifty: string[] }) {
  for (const [i, body] of [...bodies.knownFor, ...bodies.fifty].entries()) {
    for (let attempt = 1; ; attempt++) {
      const answer = await gateway.handle(graphqlPost(body, `bench-record-${i}-${attempt}`));
      if (answer.statusCode === 200 && !String(answer.body).includes('"errors"')) break;
      if (attempt === 5) throw new Error(`no answer to record: ${String(answer.body)}`);
    }
  }
  await inProcess(gateway, bodies.knownFor, 100, 4);
  await inProcess(gateway, bodies.knownFor, 300);
  await inProcess(gateway, bodies.fifty, bodies.fifty.length + 8);
}

/** Known for and a REST route over HTTP to the local gateway server, in this process. */
async function measureOverHttp(
  generation: SupergraphGeneration,
  invoke: Invoker,
  bodies: { knownFor: string[] },
  requests: number,
): Promise<ImdbFigures['http']> {
  const server = await startGatewayServer({
    port: 0,
    registry: { load: async () => generation, peekNewest: async () => 1 },
    invoke,
    pollIntervalMs: 3_600_000,
  });
  const hello = { method: 'GET', path: '/hello?name=bench' };
  await overHttp(server.url, hello, 200);
  const knownFor = await overHttp(
    server.url,
    { method: 'POST', path: '/graphql', bodies: bodies.knownFor },
    requests,
  );
  const rest = await overHttp(server.url, hello, requests);
  await server.stop();
  return { knownFor, rest };
}

/** The gateway core's CPU per request with the recorded answers, planner and graphql-tools alternately. */
async function measureCore(
  generation: SupergraphGeneration,
  replay: Invoker,
  bodies: { knownFor: string[]; fifty: string[] },
): Promise<ImdbFigures['core']> {
  const gateways = {
    planner: gatewayOn(generation, replay, true),
    graphqlTools: gatewayOn(generation, replay, false),
  };
  const cpu = async (g: Gateway, body: string[], total: number) => {
    const figures = await inProcess(g, body, total);
    // A request without a recorded answer would measure an error path, not the gateway.
    if (figures.errors > 0) throw new Error(`${figures.errors} errors replaying recorded answers`);
    return figures.cpuUsPerRequest;
  };
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

/**
 * Two runs of one variant as one: CPU and invokes per request over both, req/s and the
 * percentiles as the mean of the two (an approximation), the larger peak RSS.
 */
function bothRounds(a: GatewayLoadFigures, b: GatewayLoadFigures): GatewayLoadFigures {
  const count = a.count + b.count;
  const perRequest = (k: 'cpuUsPerRequest' | 'systemCpuUsPerRequest' | 'invokesPerRequest') =>
    (a[k] * a.count + b[k] * b.count) / count;
  return {
    queryPlanner: a.queryPlanner,
    count,
    cpuUsPerRequest: perRequest('cpuUsPerRequest'),
    systemCpuUsPerRequest: perRequest('systemCpuUsPerRequest'),
    invokesPerRequest: perRequest('invokesPerRequest'),
    perSecond: (a.perSecond + b.perSecond) / 2,
    p50Ms: (a.p50Ms + b.p50Ms) / 2,
    p99Ms: (a.p99Ms + b.p99Ms) / 2,
    errors: a.errors + b.errors,
    peakRssMiB: Math.max(a.peakRssMiB, b.peakRssMiB),
  };
}

if (process.argv[1]?.endsWith('imdb.bench.ts')) {
  console.log(JSON.stringify(await measureImdb(), null, 2));
}
