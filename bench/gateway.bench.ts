import {
  measureBundle,
  measureColdStart,
  measureGateway,
  measureNodeBoot,
} from '../gateway/bench/gateway.bench.ts';
import { type ImdbFigures, type LoadFigures, measureImdb } from '../gateway/bench/imdb.bench.ts';
import type { BenchResult } from './index.ts';
import { ms, rate } from './measure.ts';

/**
 * The gateway against its targets (issue 3): the real IMDb graphlets for the Known-for and
 * 50-person queries and a REST route; fake out-of-process modules for the overhead at a
 * fixed rate; a bundled cold start; the Lambda bundle. Bounded: about 4,000 requests
 * through the real modules, 15,000 through the fake ones, loopback only.
 */
export async function benchGateway(): Promise<BenchResult> {
  const bundleBytes = await measureBundle();
  const nodeBootMs = await measureNodeBoot();
  const coldStart = await measureColdStart(5);
  // The bundled gateway alone, after 20,000 requests: its own RSS, without tsx or the benchmark.
  const steadyRss = (await measureColdStart(1, { requestsAfter: 20_000 })).rssMiB ?? Number.NaN;
  const steady = await measureGateway({ closedLoop: 5000, openLoopSeconds: 10, rate: 500 });
  const imdb = await measureImdb({ knownFor: 400, fiftyPeople: 60, http: 300 });
  return {
    title: 'Gateway: CPU, overhead, cold start, bundle',
    body: report({ bundleBytes, nodeBootMs, coldStart, steadyRss, steady, imdb }),
  };
}

const us = (value: number) => `${Math.round(value)} us`;
const mark = (ok: boolean) => (ok ? 'met' : '**not met**');

function report(f: {
  bundleBytes: number;
  nodeBootMs: number;
  coldStart: Record<string, number>;
  steadyRss: number;
  steady: Awaited<ReturnType<typeof measureGateway>>;
  imdb: ImdbFigures;
}): string {
  const { imdb, steady, coldStart } = f;
  const kf = imdb.knownFor;
  const fifty = imdb.fiftyPeople;
  const mib = f.bundleBytes / 2 ** 20;
  const cold = coldStart.totalMs ?? Number.NaN;
  const load = (l: LoadFigures) =>
    `${us(l.cpuUsPerRequest)} | ${rate(l.perSecond)} | ${ms(l.p50Ms)} | ${ms(l.p99Ms)} | ${ms(l.overheadP99Ms)} | ${l.invokesPerRequest.toFixed(2)} | ${l.errors}`;
  return [
    'Run: `NODE_ENV=production npm run bench -- gateway`. The machine is shared and noisy; each comparison below (planner against graphql-tools) ran alternately in the same run.',
    '',
    '| target | figure | verdict |',
    '|---|---|---|',
    `| gateway CPU per Known-for request < 0.35 ms | core ${us(imdb.core.knownFor.planner)} (graphql-tools ${us(imdb.core.knownFor.graphqlTools)}); with 4 real lean invokes ${us(kf.planner.cpuUsPerRequest)} | core ${mark(imdb.core.knownFor.planner < 350)}, with invokes ${mark(kf.planner.cpuUsPerRequest < 350)} |`,
    `| gateway CPU per 50-person request < 2.3 ms | core ${us(imdb.core.fiftyPeople.planner)} (graphql-tools ${us(imdb.core.fiftyPeople.graphqlTools)}); with 4 real lean invokes ${us(fifty.planner.cpuUsPerRequest)} | core ${mark(imdb.core.fiftyPeople.planner < 2300)}, with invokes ${mark(fifty.planner.cpuUsPerRequest < 2300)} |`,
    `| overhead p99 < 2 ms at 500 req/s | p50 ${ms(steady.overheadP50Ms)}, p99 ${ms(steady.overheadP99Ms)} at ${steady.openLoopRate} req/s (fake modules in another process; latency p99 ${ms(steady.latencyP99Ms)}) | ${mark(steady.overheadP99Ms < 2)} |`,
    `| invokes per query = merge levels | Known for ${kf.planner.invokesPerRequest.toFixed(2)} (2 levels: names, then titles, ratings, images), 50 people ${fifty.planner.invokesPerRequest.toFixed(2)}, fake modules ${steady.invokesPerRequest.toFixed(2)} (names, then titles and ratings) | ${mark(kf.planner.invokesPerRequest <= 4)} |`,
    `| cold start < 150 ms with 10 modules | ${ms(cold)}: node boot and bundle load ${ms(coldStart.bootAndLoadMs ?? Number.NaN)} (an empty script alone: ${ms(f.nodeBootMs)}), build ${ms(coldStart.buildMs ?? Number.NaN)}, first query ${ms(coldStart.firstQueryMs ?? Number.NaN)} | ${mark(cold < 150)} |`,
    `| peak RSS < 150 MiB | ${(coldStart.rssMiB ?? Number.NaN).toFixed(0)} MiB after a cold start, ${f.steadyRss.toFixed(0)} MiB after 20,000 more requests (the bundled gateway alone, 10 modules); ${steady.rssMiB.toFixed(0)} MiB in the fake-module benchmark process after 15,000 requests (tsx and the benchmark's arrays included); ${imdb.peakRssMiB.toFixed(0)} MiB peak in the IMDb benchmark process (two gateways, a server and the recorded answers) | ${mark((coldStart.rssMiB ?? 999) < 150 && f.steadyRss < 150)} |`,
    `| bundle < 1.5 MB | ${mib.toFixed(2)} MiB (gateway/lambda.ts, esbuild, minified) | ${mark(f.bundleBytes < 1.5e6)} |`,
    '',
    'Core CPU: the modules\u2019 answers recorded from the real IMDb graphlets and replayed from memory (no sockets), 16 requests in flight. With invokes: the IMDb graphlets provisioned, seeded and published on a local cloud in another process (`gateway/bench/imdb-cloud.ts`), invoked through the lean invoker over loopback; process.cpuUsage() of the gateway process over the window, divided by requests. The real modules answer slowly on this machine (DynamoDB Local, one Lambda worker per invoke), so the closed loop runs at tens of requests a second and idle work is spread over few requests.',
    '',
    '| closed loop, 16 in flight, real IMDb modules | CPU/request | req/s | p50 | p99 | overhead p99 | invokes/request | errors |',
    '|---|---|---|---|---|---|---|---|',
    `| Known for, planner | ${load(kf.planner)} |`,
    `| Known for, graphql-tools | ${load(kf.graphqlTools)} |`,
    `| 50 people, planner | ${load(fifty.planner)} |`,
    `| 50 people, graphql-tools | ${load(fifty.graphqlTools)} |`,
    '',
    '| over HTTP to the local gateway server, 16 in flight | requests | req/s | p50 | p99 |',
    '|---|---|---|---|---|',
    `| Known for (POST /graphql) | ${imdb.http.knownFor.requests} | ${rate(imdb.http.knownFor.perSecond)} | ${ms(imdb.http.knownFor.p50Ms)} | ${ms(imdb.http.knownFor.p99Ms)} |`,
    `| REST route (GET /hello, the hello module) | ${imdb.http.rest.requests} | ${rate(imdb.http.rest.perSecond)} | ${ms(imdb.http.rest.p50Ms)} | ${ms(imdb.http.rest.p99Ms)} |`,
    '',
    `Fake modules (\`gateway/bench/fake-lambda.ts\`, another process, same lean invoker): closed loop ${rate(steady.requestsPerSecondClosedLoop)} at ${us(steady.cpuUsPerRequest)} of gateway CPU per 2-level request; open loop ${steady.openLoopRate} req/s for 10 s: overhead (latency minus the union of the request\u2019s invoke intervals) p50 ${ms(steady.overheadP50Ms)}, p99 ${ms(steady.overheadP99Ms)}.`,
  ].join('\n');
}
