/**
 * IMDb's graphlets end to end on the local cloud: names, titles, ratings, images and
 * awards provisioned as `turnout dev` provisions them (bundled functions, `live`
 * aliases, tables, queues with DLQs, the votes consumer mapping), seeded, published,
 * and queried through the gateway.
 */

import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { stop as stopEsbuild } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmokeChecks } from '../control-plane/deploy/index.ts';
import { type DiscoveredModule, loadModule } from '../control-plane/module-catalog/index.ts';
import { publishModule } from '../control-plane/publish/index.ts';
import { DEFAULT_REGISTRY_TABLE, ensureRegistryTable } from '../control-plane/registry/index.ts';
import {
  createLambdaInvoker,
  type GatewayServer,
  type LambdaInvoker,
  startGatewayServer,
} from '../gateway/index.ts';
import { LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import type { ProvisionedModule } from '../local-cloud/provision/index.ts';
import { compareTiers, type ModuleManifest } from '../modules/kit/index.ts';
import { invokesByFunction, type Json, postGraphQL } from './gateway-test-kit.ts';
import { provisionAndSeed } from './support/provision-and-seed.ts';

const ROOT = join(import.meta.dirname, '..');
const IMDB_MODULES = ['names', 'titles', 'ratings', 'images', 'awards'];
const KNOWN_FOR = `{ name(id: "nm0000329") { name knownFor(first: 4) {
  id title year rating { stars votes } primaryImage { url } } } }`;
const FIFTY_PEOPLE = `{ people(first: 50) { items { id name knownFor(first: 4) {
  id title year rating { stars votes } primaryImage { url } } } nextCursor } }`;

let cloud: LocalCloud;
let invoker: LambdaInvoker;
let server: GatewayServer;
const provisioned: Record<string, ProvisionedModule> = {};
const manifests: Record<string, ModuleManifest> = {};

beforeAll(async () => {
  cloud = await startLocalCloud();
  await ensureRegistryTable(cloud.clients.dynamo, DEFAULT_REGISTRY_TABLE);
  const modules = await Promise.all(
    IMDB_MODULES.map((name) => loadModule(join(ROOT, 'modules'), name)),
  );
  await Promise.all(modules.map(provisionAndSeedImdb));
  await stopEsbuild();
  // Less critical first, as `turnout dev` and the pipeline publish.
  const byTier = [...modules].sort((a, b) => compareTiers(a.manifest.tier, b.manifest.tier));
  for (const { manifest } of byTier) {
    await publishModule({
      manifest,
      clients: cloud.clients,
      registryTable: DEFAULT_REGISTRY_TABLE,
    });
  }
  invoker = createLambdaInvoker({
    region: cloud.region,
    endpoint: cloud.endpoints.lambda,
    credentials: LOCAL_CREDENTIALS,
  });
  server = await startGatewayServer({
    port: 0,
    registry: { documents: cloud.clients.documents, tableName: DEFAULT_REGISTRY_TABLE },
    invoke: invoker.invoke,
    pollIntervalMs: 500,
    auth: {
      issuer: cloud.issuer.issuer,
      audience: cloud.issuer.audience,
      jwksUrl: cloud.issuer.jwksUrl,
    },
  });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await invoker?.close();
  await cloud?.stop();
});

async function provisionAndSeedImdb(module: DiscoveredModule): Promise<void> {
  const done = await provisionAndSeed(cloud, module, 'imdb-test-build');
  provisioned[done.name] = done;
  manifests[done.name] = module.manifest;
}

/** Invokes per function, as the gateway's health samples count them. */
function invokeCounts(): Record<string, number> {
  return invokesByFunction(server.gateway.health.query());
}

/** Runs a query and answers its body with the invokes it cost, per module. */
async function measured(query: string, variables?: Record<string, unknown>) {
  const before = invokeCounts();
  const started = performance.now();
  const response = await postGraphQL(server.url, { query, variables });
  const ms = performance.now() - started;
  const after = invokeCounts();
  const invokes: Record<string, number> = {};
  for (const [fn, count] of Object.entries(after)) {
    const delta = count - (before[fn] ?? 0);
    if (delta > 0) invokes[fn.replace(/^turnout-/, '')] = delta;
  }
  return { ...response, invokes, ms };
}

/** Mean invoke latency per module over every invoke so far, as the gateway saw it. */
function meanInvokeMs(): Record<string, string> {
  const sums: Record<string, { ms: number; n: number }> = {};
  for (const s of server.gateway.health.query()) {
    const sum = sums[s.module] ?? { ms: 0, n: 0 };
    sums[s.module] = sum;
    sum.ms += s.latencySumMs;
    sum.n += s.invokes;
  }
  return Object.fromEntries(
    Object.entries(sums).map(([module, { ms, n }]) => [module, (ms / n).toFixed(1)]),
  );
}

/** The median wall time of `runs` more runs of a query, for the figures the run prints. */
async function medianMs(query: string, runs = 9): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await measured(query)).ms);
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
}

async function ratingThroughGateway(titleId: string): Promise<{ stars: number; votes: number }> {
  const { body } = await postGraphQL(server.url, {
    query: 'query ($id: ID!) { title(id: $id) { rating { stars votes } } }',
    variables: { id: titleId },
  });
  return body.data.title.rating;
}

describe('the IMDb modules as deployed', () => {
  it.each(IMDB_MODULES)('%s passes its smoke checks against the seeded data', async (name) => {
    const results = await runSmokeChecks(cloud.clients.lambda, {
      functionName: `turnout-${name}`,
      qualifier: 'live',
      checks: manifests[name]?.smokeChecks ?? [],
    });
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });
});

describe('IMDb graphlets through the gateway', () => {
  it('answers the Known for widget in two merge levels, one invoke per module per level', async () => {
    await postGraphQL(server.url, { query: KNOWN_FOR }); // warm every function once
    const { status, body, invokes, ms } = await measured(KNOWN_FOR);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.name.name).toBe('Jackie Chan');
    expect(body.data.name.knownFor).toEqual([
      expect.objectContaining({ id: 'tt0089374', title: 'Police Story', year: 1985 }),
      expect.objectContaining({ id: 'tt0113326', title: 'Rumble in the Bronx', year: 1995 }),
      expect.objectContaining({ id: 'tt0120812', title: 'Rush Hour', year: 1998 }),
      expect.objectContaining({ id: 'tt0111512', title: 'Drunken Master II', year: 1994 }),
    ]);
    for (const title of body.data.name.knownFor as Json[]) {
      expect(title.rating).toEqual({ stars: expect.any(Number), votes: expect.any(Number) });
      expect(title.rating.votes).toBeGreaterThan(0);
      expect(title.primaryImage.url).toBe(
        `https://images.turnout.example/titles/${title.id}/poster.jpg`,
      );
    }
    expect(invokes).toEqual({ names: 1, titles: 1, ratings: 1, images: 1 });
    const median = await medianMs(KNOWN_FOR);
    console.info(`Known for: ${ms.toFixed(1)} ms warm, median of 9 ${median.toFixed(1)} ms`);
  });

  it('reads 50 people with four known-for titles each in one query, still one invoke per module', async () => {
    await postGraphQL(server.url, { query: FIFTY_PEOPLE });
    const { body, invokes, ms } = await measured(FIFTY_PEOPLE);
    expect(body.errors).toBeUndefined();
    const people = body.data.people.items as Json[];
    expect(people).toHaveLength(50);
    expect(body.data.people.nextCursor).toEqual(expect.any(String));
    const titles = people.flatMap((p) => p.knownFor as Json[]);
    expect(titles.length).toBeGreaterThanOrEqual(150);
    expect(titles.every((t) => t.title && t.rating && t.primaryImage)).toBe(true);
    expect(invokes).toEqual({ names: 1, titles: 1, ratings: 1, images: 1 });
    const median = await medianMs(FIFTY_PEOPLE);
    console.info(
      `50 people, ${titles.length} titles: ${ms.toFixed(1)} ms warm, median of 9 ${median.toFixed(1)} ms`,
      `mean invoke ms so far, cold starts included: ${JSON.stringify(meanInvokeMs())}`,
    );
  });

  it('shapes the legacy awards service’s answers into awards, one service call per kind', async () => {
    const before = cloud.legacyAwards.requests.length;
    const { body, invokes } = await measured(`{ name(id: "nm0000329") {
      awards { event category year outcome } knownFor(first: 4) { title awards { category outcome } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.name.awards).toContainEqual({
      event: 'Academy Awards',
      category: 'Honorary Award',
      year: 2017,
      outcome: 'WON',
    });
    expect(body.data.name.knownFor[0]).toEqual({
      title: 'Police Story',
      awards: [
        { category: 'Best Action Choreography', outcome: 'WON' },
        { category: 'Best Film', outcome: 'WON' },
      ],
    });
    expect(body.data.name.knownFor[2].awards).toEqual([
      { category: 'Best On-Screen Duo', outcome: 'WON' },
    ]);
    const calls = cloud.legacyAwards.requests.slice(before);
    expect(calls).toHaveLength(2);
    expect(calls.sort()).toEqual([
      '/v1/awards?nconst=nm0000329',
      '/v1/awards?tconst=tt0089374,tt0113326,tt0120812,tt0111512',
    ]);
    // Person and Title are two merged types in the same level: one invoke carries both batches.
    expect(invokes).toEqual({ names: 1, titles: 1, awards: 1 });
  });

  it.each([
    ['a title id as a name id', '{ name(id: "tt0089374") { name } }', '"nm" followed by'],
    ['a malformed title id', '{ title(id: "tt12") { title } }', '"tt" followed by'],
    ['a page too large', '{ people(first: 500) { nextCursor } }', 'from 1 to 100'],
  ])('refuses %s with BAD_USER_INPUT', async (_case, query, message) => {
    const { body } = await postGraphQL(server.url, { query });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toContain(message);
  });
});

describe('IMDb through the gateway, facing a hostile client', () => {
  it('answers the merge fields as unknown fields, not as an API', async () => {
    const query =
      '{ _people(ids: ["nm0000329"]) { id } people(after: "x") { nextCursor } title(id: "tt0089374") { title } }';
    const { status, body } = await postGraphQL(server.url, { query });
    expect(status).toBe(400);
    expect(body.errors[0].message).toBe('Cannot query field "_people" on type "Query".');
  });

  it('keeps the other root fields, of the same module or another, when a client error nulls one', async () => {
    const query =
      '{ name(id: "nm0000329") { name } people(after: "x") { nextCursor } title(id: "tt0089374") { title } }';
    const { status, body } = await postGraphQL(server.url, { query });
    expect(status).toBe(200);
    expect(body.data.name.name).toBe('Jackie Chan');
    expect(body.data.people).toBeNull();
    expect(body.data.title.title).toEqual(expect.any(String));
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({
      path: ['people'],
      extensions: { code: 'BAD_USER_INPUT', module: 'names' },
    });
  });
});

describe('voting through the gateway', () => {
  /** A vote by the voter signed in as `voterId`, with an Idempotency-Key when given. */
  const rate = async (titleId: string, stars: number, voterId: string, key?: string) => {
    const token = await cloud.issuer.sign({ sub: voterId, scope: 'ratings:write' });
    return postGraphQL(
      server.url,
      {
        query: `mutation ($t: ID!, $s: Int!) {
          rateTitle(titleId: $t, stars: $s) { id titleId voterId stars castAt } }`,
        variables: { t: titleId, s: stars },
      },
      { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
    );
  };

  it('has the votes queue consumed by the function’s live alias', () => {
    expect(provisioned.ratings?.consumers.votes?.uuid).toEqual(expect.any(String));
  });

  it('counts a vote once in the aggregate, a few seconds after rateTitle', async () => {
    const before = await ratingThroughGateway('tt0085127');
    const { body } = await rate('tt0085127', 10, 'ur55500001');
    expect(body.errors).toBeUndefined();
    expect(body.data.rateTitle).toMatchObject({ titleId: 'tt0085127', stars: 10 });
    const started = Date.now();
    let after = before;
    // Generous: the consumer's poll, its invoke and the write on a shared machine.
    while (after.votes === before.votes && Date.now() - started < 45_000) {
      await sleep(100);
      after = await ratingThroughGateway('tt0085127');
    }
    console.info(`vote counted after ${Date.now() - started} ms`);
    expect(after.votes).toBe(before.votes + 1);
    await sleep(1_000);
    expect((await ratingThroughGateway('tt0085127')).votes).toBe(before.votes + 1);
  }, 60_000);

  it('queues a vote sent five times at once with one Idempotency-Key once: one vote id', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => rate('tt0080179', 7, 'ur55500003', 'vote-ur55500003-1')),
    );
    const voted = answers.filter((a) => !a.body.errors).map((a) => a.body.data.rateTitle);
    const inUse = answers.filter(
      (a) => a.body.errors?.[0].extensions.code === 'IDEMPOTENCY_KEY_IN_USE',
    );
    // Every answer is the vote or "in use"; the codes come along when one is not.
    const codes = answers.map((a) => a.body.errors?.[0]?.extensions?.code ?? 'voted');
    expect({ codes, counted: voted.length + inUse.length }).toMatchObject({ counted: 5 });
    expect(voted.length).toBeGreaterThan(0);
    expect(new Set(voted.map((v) => v.id)).size).toBe(1);
    expect(voted[0]).toMatchObject({ voterId: 'ur55500003', stars: 7 });
    const retry = await rate('tt0080179', 7, 'ur55500003', 'vote-ur55500003-1');
    expect(retry.body.data.rateTitle.id).toBe(voted[0].id);
  });

  it('refuses an anonymous vote at the gateway, invoking no module', async () => {
    const { status, body } = await postGraphQL(server.url, {
      query: 'mutation { rateTitle(titleId: "tt0089374", stars: 9) { id } }',
    });
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a vote of 11 stars with BAD_USER_INPUT and changes nothing', async () => {
    const before = await ratingThroughGateway('tt0089374');
    const { body } = await rate('tt0089374', 11, 'ur55500002');
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toContain('from 1 to 10');
    await sleep(1_000);
    expect(await ratingThroughGateway('tt0089374')).toEqual(before);
  });

  it('moves a poison message to the dead-letter queue after its receive limit', async () => {
    const queue = provisioned.ratings?.queues.votes;
    const poison = `not a vote ${Date.now()}`;
    await cloud.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queue?.url, MessageBody: poison }),
    );
    const started = Date.now();
    let dead: string | undefined;
    while (!dead && Date.now() - started < 40_000) {
      const { Messages = [] } = await cloud.clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue?.deadLetterUrl, WaitTimeSeconds: 1 }),
      );
      dead = Messages.find((m) => m.Body === poison)?.Body;
    }
    console.info(`poison message in the DLQ after ${Date.now() - started} ms`);
    expect(dead).toBe(poison);
  }, 60_000);
});
