/**
 * A module version that answers wrongly without an error (the images graphlet's merge
 * field answering `[]`) released through the pipeline on the local cloud: the gateway
 * counts its answers as errors, the bake rolls it back naming the violation, the
 * canary retry keeps clients' images, and no client gets a silent null.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthSample } from '../contracts/health-samples.ts';
import {
  type ImdbReleaseHarness,
  startImdbReleaseHarness,
} from './support/imdb-release-harness.ts';
import type { LoadRequest } from './support/steady-load.ts';

const KNOWN_FOR =
  '{ name(id: "nm0000329") { name knownFor(first: 4) { id title primaryImage { url } } } }';
const MERGE_FIELD = '_titles: resolveByKeys(loadMatching(TITLE_ID)),';

interface KnownForAnswer {
  data?: { name?: { knownFor?: { id: string; primaryImage: { url: string } | null }[] } };
  errors?: { message: string; extensions?: { code?: string; module?: string } }[];
}

let harness: ImdbReleaseHarness;

beforeAll(async () => {
  harness = await startImdbReleaseHarness();
}, 180_000);

afterAll(() => harness?.stop());

const askKnownFor = () =>
  fetch(`${harness.gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: KNOWN_FOR }),
  });

/** What clients saw of the images: every answer has them, or an error naming images. */
function knownForLoad() {
  const seen = { withImages: 0, withImagesError: 0 };
  const request: LoadRequest = {
    name: 'query Known for',
    send: askKnownFor,
    ok: (response, body) => {
      const answer = JSON.parse(body) as KnownForAnswer;
      const titles = answer.data?.name?.knownFor ?? [];
      const imagesError = answer.errors?.some((e) => e.extensions?.module === 'images');
      if (imagesError) seen.withImagesError++;
      else if (titles.length === 4 && titles.every((t) => t.primaryImage?.url)) seen.withImages++;
      else return false;
      return response.status === 200;
    },
  };
  return { request, seen };
}

async function healthOf(version: string): Promise<HealthSample[]> {
  const answer = await fetch(`${harness.gateway}/_turnout/health?functionName=turnout-images`, {
    headers: { 'x-turnout-health-token': harness.dev.endpoints.gatewayHealthToken ?? '' },
  });
  const { samples } = (await answer.json()) as { samples: HealthSample[] };
  return samples.filter((s) => s.version === version);
}

const sum = (samples: HealthSample[], field: 'invokes' | 'errors' | 'badResponses') =>
  samples.reduce((total, s) => total + (s[field] ?? 0), 0);

describe('a release of images whose merge field answers [] for more than one id', () => {
  it('is rolled back by the bake, which names the violation, and no client gets a silent null image', async () => {
    const before = (await (await askKnownFor()).json()) as KnownForAnswer;
    expect(before.errors).toBeUndefined();
    expect(before.data?.name?.knownFor?.map((t) => Boolean(t.primaryImage?.url))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    // A batching bug real traffic meets and the smoke check (one id) does not.
    await harness.editModule('images', 'create-images-graphlet.ts', (text) =>
      text
        .replace(
          MERGE_FIELD,
          '_titles: (parent: unknown, args: Record<string, unknown>, context: unknown) =>\n          (args.ids as string[]).length > 1 ? [] : titles(parent, args, context),',
        )
        .replace(
          '  return createGraphletHandler({',
          '  const titles = resolveByKeys(loadMatching(TITLE_ID));\n  return createGraphletHandler({',
        ),
    );
    const { request, seen } = knownForLoad();
    const load = harness.startLoad([request], { concurrency: 4 });
    const { record, events } = await harness.release(['images']);
    const report = await load.stop();

    const decisions = events.filter((e) => e.kind === 'decision').map((e) => [e.name, e.detail]);
    expect(record.state, JSON.stringify(decisions)).toBe('rolled-back');
    const rollback = events.find((e) => e.name === 'rollback');
    expect(rollback?.detail).toMatch(/error rate/);
    expect(rollback?.detail).toMatch(
      /of them answers that broke the graphlet contract, e.g. _titles: 0 entries for 4 keys/,
    );
    const canary = await healthOf(String(record.progress['images@local']?.candidate));
    expect(sum(canary, 'badResponses')).toBeGreaterThan(0);
    expect(sum(canary, 'errors')).toBe(sum(canary, 'invokes'));

    expect(report.failures).toEqual([]);
    expect(seen.withImages + seen.withImagesError).toBe(report.sent);
    expect(report.sent).toBeGreaterThan(20);
  }, 300_000);
});

describe('a release of images whose merge field always answers []', () => {
  it('stops before traffic: its smoke check expects the entry, and names the path that differed', async () => {
    await harness.editModule('images', 'create-images-graphlet.ts', (text) =>
      text.replace('(args.ids as string[]).length > 1 ? [] : titles(parent, args, context)', '[]'),
    );
    const { record, events } = await harness.release(['images']);
    expect(record.state).toBe('failed');
    const failed = events.find((e) => e.name === 'fail-pre-traffic');
    expect(failed?.detail).toMatch(
      /the answer differs from expect at data\._titles: expected 1 items, got 0/,
    );
  }, 300_000);
});
