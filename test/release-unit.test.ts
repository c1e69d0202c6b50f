import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeployTarget, rollbackModule } from '../control-plane/deploy/index.ts';
import {
  RELEASE_TEST_TIMEOUT_MS,
  RELEASE_THRESHOLDS,
  type ReleaseHarness,
  startReleaseHarness,
} from './support/release-harness.ts';
import { type LoadRequest, startSteadyLoad } from './support/steady-load.ts';

/**
 * A module version's code, schema and routes go live, shift and roll back together:
 * clients that ask for a field the new version adds are answered by it during the whole
 * canary, and a rollback takes the field away from the gateway with the traffic.
 */
const BASE_SDL = /* GraphQL */ `
  type Query {
    catalogPing: String!
    catalogStatus: String!
  }
`;
const WITH_EDITION_SDL = /* GraphQL */ `
  type Query {
    catalogPing: String!
    catalogStatus: String!
    catalogEdition: String!
  }
`;

let harness: ReleaseHarness;

/** A release with the harness' steady load running, so every bake has traffic to judge. */
async function releaseUnderLoad(...args: Parameters<ReleaseHarness['release']>) {
  const load = harness.startLoad();
  try {
    const { record, events } = await harness.release(...args);
    // The decisions come along, so a failed expectation says why the release ended so.
    const decisions = events.map((e) => `${e.name}: ${e.detail}`);
    return { record, events, outcome: { state: record.state, decisions } };
  } finally {
    await load.stop();
  }
}

beforeAll(async () => {
  harness = await startReleaseHarness();
}, 180_000);

afterAll(() => harness?.stop());

const graphql = (query: string) =>
  fetch(`${harness.gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });

/** Whether the gateway's schema has the field now (introspection is on in dev). */
const advertises = async (field: string) => {
  const answer = await graphql('{ __type(name: "Query") { fields { name } } }');
  const body = (await answer.json()) as { data: { __type: { fields: { name: string }[] } } };
  return body.data.__type.fields.some((f) => f.name === field);
};

/**
 * Asks for the new field, but only once the gateway advertises it: a client that reads the
 * schema first never asks for a field the gateway does not serve.
 */
function editionClient(): LoadRequest & { asked: () => number } {
  let asked = 0;
  let served = false;
  return {
    name: 'query catalogEdition',
    asked: () => asked,
    async send() {
      served ||= await advertises('catalogEdition');
      if (!served) return new Response('{}', { status: 200 });
      asked++;
      return graphql('{ catalogEdition catalogStatus }');
    },
    ok: (response, body) =>
      response.status === 200 && (!served || !(JSON.parse(body) as { errors?: unknown }).errors),
  };
}

const statusClient: LoadRequest = {
  name: 'query catalogStatus',
  send: () => graphql('{ catalogStatus }'),
  ok: (response, body) =>
    response.status === 200 && !(JSON.parse(body) as { errors?: unknown }).errors,
};

describe('a canary that adds a field', () => {
  it(
    'answers every client that asks for the field during the whole canary',
    async () => {
      await harness.setBehaviour('catalog', 'ok');
      await harness.setSchema('catalog', WITH_EDITION_SDL);
      const edition = editionClient();
      const clients = startSteadyLoad([edition, statusClient], { concurrency: 2, pauseMs: 10 });
      const { outcome, events } = await releaseUnderLoad(['catalog'], {
        strategy: 'Canary20Percent2Seconds',
        thresholds: RELEASE_THRESHOLDS,
      });
      const seen = await clients.stop();
      expect(outcome).toMatchObject({ state: 'succeeded' });
      // The field was asked for while the alias was split, not only after the promotion.
      const promotedAt = events.find((e) => e.name === 'promote')?.atMs ?? 0;
      expect(promotedAt).toBeGreaterThan(0);
      expect(edition.asked()).toBeGreaterThan(0);
      expect(seen.failures).toEqual([]);
      expect(await advertises('catalogEdition')).toBe(true);
    },
    RELEASE_TEST_TIMEOUT_MS,
  );
});

describe('rolling back a version that added a field', () => {
  it(
    'takes the field away with the traffic when the bake rolls it back, and no client fails',
    async () => {
      // Start from a live version without the field (dropping it is a break, so allowed).
      await harness.setSchema('catalog', BASE_SDL);
      const base = await releaseUnderLoad(['catalog'], {
        strategy: 'AllAtOnce',
        allowBreaking: true,
        thresholds: RELEASE_THRESHOLDS,
      });
      expect(base.outcome).toMatchObject({ state: 'succeeded' });
      await expect.poll(() => advertises('catalogEdition'), { timeout: 30_000 }).toBe(false);
      await harness.setSchema('catalog', WITH_EDITION_SDL);
      await harness.setBehaviour('catalog', 'fail-all');
      const clients = startSteadyLoad([statusClient], { concurrency: 2, pauseMs: 10 });
      const { outcome } = await releaseUnderLoad(['catalog'], {
        strategy: 'Canary20Percent2Seconds',
        thresholds: RELEASE_THRESHOLDS,
      });
      expect(outcome).toMatchObject({ state: 'rolled-back' });
      // One poll of the gateway (200 ms here); the ceiling only bounds a stuck test.
      await expect.poll(() => advertises('catalogEdition'), { timeout: 30_000 }).toBe(false);
      const seen = await clients.stop();
      expect(seen.sent).toBeGreaterThan(0);
      expect(seen.failures).toEqual([]);
    },
    RELEASE_TEST_TIMEOUT_MS,
  );

  it(
    'takes the field away when an operator rolls back by hand, and no client fails',
    async () => {
      await harness.setBehaviour('catalog', 'ok');
      const live = await releaseUnderLoad(['catalog'], {
        strategy: 'AllAtOnce',
        thresholds: RELEASE_THRESHOLDS,
      });
      expect(live.outcome).toMatchObject({ state: 'succeeded' });
      await expect.poll(() => advertises('catalogEdition'), { timeout: 30_000 }).toBe(true);
      const clients = startSteadyLoad([statusClient], { concurrency: 2, pauseMs: 10 });
      const result = await rollbackModule({
        target: harness.env.targets[0] as DeployTarget,
        module: 'catalog',
        store: harness.env.store,
        deployments: await harness.env.store.list(),
        reason: 'test: the edition field misbehaves',
      });
      await expect.poll(() => advertises('catalogEdition'), { timeout: 30_000 }).toBe(false);
      const seen = await clients.stop();
      expect(result.to).not.toBe(result.from);
      expect(seen.failures).toEqual([]);
    },
    RELEASE_TEST_TIMEOUT_MS,
  );
});
