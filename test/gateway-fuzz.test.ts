/**
 * A hostile client against the gateway serving IMDb's graphlets and the hello REST
 * module on the local cloud, loopback only: a few thousand requests (malformed bodies,
 * odd paths and methods, huge and wrong variables, random valid queries over the
 * schema clients are served), made from a seed, then it stops. The gateway runs as in
 * production (no dev mode, introspection off). Nothing the gateway itself does may
 * answer 5xx or INTERNAL_SERVER_ERROR, no body may carry a stack trace, and the gateway
 * must serve normally afterwards. A failure prints the seed and the requests; set
 * FUZZ_SEED to replay them (and FUZZ_DEV=1 to see the errors unmasked).
 */

import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { stop as stopEsbuild } from 'esbuild';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModule } from '../control-plane/module-catalog/index.ts';
import { publishModule } from '../control-plane/publish/index.ts';
import { DEFAULT_REGISTRY_TABLE, ensureRegistryTable } from '../control-plane/registry/index.ts';
import { readMergeFields } from '../gateway/graphql/read-merge-fields.ts';
import { toClientSchema } from '../gateway/graphql/to-client-schema.ts';
import {
  createLambdaInvoker,
  type GatewayServer,
  type LambdaInvoker,
  loadNewestGeneration,
  startGatewayServer,
} from '../gateway/index.ts';
import { LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import { compareTiers } from '../modules/kit/index.ts';
import { postGraphQL } from './gateway-test-kit.ts';
import {
  createRandom,
  type FuzzRequest,
  malformedBody,
  oddPath,
  oddVariables,
  validQuery,
} from './support/fuzz-requests.ts';
import { provisionAndSeed } from './support/provision-and-seed.ts';

const ROOT = join(import.meta.dirname, '..');
const MODULES = ['names', 'titles', 'ratings', 'images', 'awards', 'hello'];
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
/** How many requests of each kind: a few thousand in all. */
const COUNTS = { 'malformed body': 500, 'odd path': 600, variables: 250, 'valid query': 1400 };
const CONCURRENCY = 8;
/** A request still unanswered after this is a finding, not a hung test. */
const REQUEST_TIMEOUT_MS = 30_000;
const IDS = [
  'nm0000329',
  'nm0000676',
  'nm0005562',
  'tt0089374',
  'tt0113326',
  'tt0120812',
  'tt0111512',
  'nm9999999',
  'tt9999999',
  'x',
  '',
];
const STACK_TRACE = /\n\s+at \S|\bat \S+ \(\S+:\d+:\d+\)|\.(?:ts|mjs|cjs|js):\d+:\d+/;

let cloud: LocalCloud;
let invoker: LambdaInvoker;
let server: GatewayServer;
let schema: GraphQLSchema;

beforeAll(async () => {
  cloud = await startLocalCloud();
  await ensureRegistryTable(cloud.clients.dynamo, DEFAULT_REGISTRY_TABLE);
  const modules = await Promise.all(MODULES.map((name) => loadModule(join(ROOT, 'modules'), name)));
  await Promise.all(modules.map((module) => provisionAndSeed(cloud, module, 'fuzz-test-build')));
  await stopEsbuild();
  const byTier = [...modules].sort((a, b) => compareTiers(a.manifest.tier, b.manifest.tier));
  for (const { manifest } of byTier) {
    await publishModule({
      manifest,
      clients: cloud.clients,
      registryTable: DEFAULT_REGISTRY_TABLE,
    });
  }
  const table = { documents: cloud.clients.documents, tableName: DEFAULT_REGISTRY_TABLE };
  const generation = await loadNewestGeneration(table);
  if (!generation) throw new Error('nothing was published');
  schema = toClientSchema(generation.supergraphSdl, readMergeFields(generation.subgraphs));
  invoker = createLambdaInvoker({
    region: cloud.region,
    endpoint: cloud.endpoints.lambda,
    credentials: LOCAL_CREDENTIALS,
  });
  server = await startGatewayServer({
    port: 0,
    registry: table,
    invoke: invoker.invoke,
    // FUZZ_DEV=1 shows the full text of masked errors, to diagnose a finding.
    dev: process.env.FUZZ_DEV === '1',
  });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await invoker?.close();
  await cloud?.stop();
});

interface Answer {
  status: number;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** Sends one request as written (raw path, any method), answering its status and body. */
function send(fuzz: FuzzRequest): Promise<Answer> {
  const url = new URL(server.url);
  return new Promise((resolve) => {
    const sent = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: fuzz.method,
        path: fuzz.path,
        headers: fuzz.headers,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        response.on('error', (error) => resolve({ status: -1, body: String(error) }));
      },
    );
    sent.on('timeout', () => sent.destroy(new Error('no answer in time')));
    sent.on('error', (error) => resolve({ status: -1, body: String(error) }));
    sent.end(fuzz.body);
  });
}

/** What the gateway did wrong in one answer, if anything. */
function findingOf(answer: Answer): string | undefined {
  if (answer.status === -1) return `no HTTP answer: ${answer.body}`;
  if (STACK_TRACE.test(answer.body)) return 'a stack trace in the body';
  if (answer.body.includes('INTERNAL_SERVER_ERROR')) return 'INTERNAL_SERVER_ERROR';
  if (process.env.FUZZ_DEV === '1' && answer.body.includes('Cannot return null'))
    return 'INTERNAL_SERVER_ERROR';
  // A module's own failure (MODULE_*) answers 5xx by design; anything else is the gateway's.
  if (answer.status >= 500 && !/"code":"MODULE_[A-Z_]+"/.test(answer.body))
    return `${answer.status} from the gateway itself`;
  return undefined;
}

describe('the gateway facing a hostile client', () => {
  it(`answers a few thousand hostile requests without failing itself (seed ${SEED})`, async () => {
    const random = createRandom(SEED);
    const requests: FuzzRequest[] = [];
    for (const [kind, count] of Object.entries(COUNTS)) {
      for (let i = 0; i < count; i++) {
        if (kind === 'malformed body') requests.push(malformedBody(random));
        else if (kind === 'odd path') requests.push(oddPath(random));
        else if (kind === 'variables') requests.push(oddVariables(random, IDS));
        else requests.push(validQuery(random, schema, IDS));
      }
    }
    const findings: { request: FuzzRequest; answer: Answer; finding: string }[] = [];
    const statuses: Record<string, number> = {};
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const fuzz = requests[next++] as FuzzRequest;
          const answer = await send(fuzz);
          const key = `${fuzz.kind} ${answer.status}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
          const finding = findingOf(answer);
          if (finding) findings.push({ request: fuzz, answer, finding });
        }
      }),
    );
    console.log(`fuzz seed ${SEED}: ${requests.length} requests`, statuses);
    const shown = findings.slice(0, 5).map(({ request, answer, finding }) => ({
      finding,
      request: { ...request, body: String(request.body ?? '').slice(0, 300) },
      answer: { status: answer.status, body: answer.body.slice(0, 300) },
    }));
    expect(shown).toEqual([]);
  }, 900_000);

  it('is alive and serves normally afterwards', async () => {
    const { status, body } = await postGraphQL(server.url, {
      query: '{ name(id: "nm0000329") { name knownFor(first: 2) { title } } }',
    });
    expect(status).toBe(200);
    expect(body.data.name.name).toBe('Jackie Chan');
    const live = await fetch(`${server.url}/_turnout/live`);
    expect(live.status).toBe(200);
  });
});
