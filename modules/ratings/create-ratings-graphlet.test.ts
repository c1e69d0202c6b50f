import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ProvisionedResources,
  type RelayServices,
  sqsEvent,
} from '../../test/relay-test-kit.ts';
import { receiveMessages } from '../../test/support/receive-messages.ts';
import { setUpRelayModule } from '../../test/support/set-up-relay-module.ts';
import { createIdempotencyStore, type GraphletHandler } from '../kit/index.ts';
import { countVotes } from './count-votes.ts';
import { createRatingsGraphlet } from './create-ratings-graphlet.ts';
import manifest from './module.ts';
import type { RatingsStore } from './ratings-store.ts';
import seed, { RATINGS_SEED } from './seed.ts';

let services: RelayServices;
let resources: ProvisionedResources;
let graphlet: GraphletHandler;
let store: RatingsStore;
let nowMs = Date.parse('2026-03-01T08:00:00Z');
let voteCount = 0;

setUpRelayModule(manifest, async (relay) => {
  ({ services, resources } = relay);
  await seed({ documents: services.clients.documents, tables: resources.tables });
  store = {
    documents: services.clients.documents,
    ratingsTable: resources.tables.ratings as string,
    ballotsTable: resources.tables.ballots as string,
  };
  graphlet = createRatingsGraphlet({
    ...store,
    sqs: services.clients.sqs,
    votesQueueUrl: resources.queues.votes?.url as string,
    clock: { now: () => nowMs },
    newVoteId: () => `vote-${++voteCount}`,
    idempotency: createIdempotencyStore({
      documents: services.clients.documents,
      tableName: resources.tables.idempotency as string,
    }),
  });
});

// Poison messages are logged on purpose; keep the test output quiet.
beforeEach(() => vi.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

/** The invoke context the gateway writes for a voter's verified token. */
const asVoter = (sub: string, scopes = ['ratings:write']) => ({
  requestId: `r-${sub}`,
  identity: { sub, scopes, claims: { sub, scope: scopes.join(' ') } },
});

const RATE = `mutation ($titleId: ID!, $stars: Int!, $voterId: ID) {
  rateTitle(titleId: $titleId, stars: $stars, voterId: $voterId) { id titleId voterId stars castAt }
}`;

/** A vote cast by `voter` (the token's subject), as the gateway invokes the module. */
const rate = (
  titleId: string,
  stars: number,
  voter: string,
  extra: { voterId?: string; context?: Record<string, unknown> } = {},
) =>
  graphlet({
    query: RATE,
    variables: { titleId, stars, voterId: extra.voterId },
    context: extra.context ?? asVoter(voter),
  });

const receiveVotes = () => receiveMessages(services.clients.sqs, resources.queues.votes?.url);

async function aggregate(titleId: string) {
  const output = await services.clients.documents.send(
    new GetCommand({ TableName: store.ratingsTable, Key: { titleId }, ConsistentRead: true }),
  );
  return output.Item;
}

async function ratingOf(titleId: string) {
  const result = await graphlet({
    query: 'query ($ids: [ID!]!) { _titles(ids: $ids) { id rating { stars votes } } }',
    variables: { ids: [titleId] },
  });
  return (result.data?._titles as { rating: unknown }[] | undefined)?.[0]?.rating;
}

describe('Title.rating', () => {
  it('answers seeded ratings in the order asked, null for titles without votes', async () => {
    expect(RATINGS_SEED.length).toBeGreaterThanOrEqual(200);
    const result = await graphlet({
      query:
        '{ _titles(ids: ["tt0120812", "tt0000001", "nm0000329", "tt0089374"]) { id rating { stars votes } } }',
    });
    expect(result.data?._titles).toEqual([
      { id: 'tt0120812', rating: { stars: 7, votes: 296000 } },
      { id: 'tt0000001', rating: null },
      null,
      { id: 'tt0089374', rating: { stars: 7.5, votes: 59000 } },
    ]);
  });
});

describe('rateTitle', () => {
  it('queues the vote and answers it, leaving the aggregate to the consumer', async () => {
    const before = await aggregate('tt0085127');
    const result = await rate('tt0085127', 9, 'ur10000001');
    expect(result.errors).toBeUndefined();
    expect(result.data?.rateTitle).toEqual({
      id: expect.stringMatching(/^vote-/),
      titleId: 'tt0085127',
      voterId: 'ur10000001',
      stars: 9,
      castAt: '2026-03-01T08:00:00.000Z',
    });
    const queued = await receiveVotes();
    expect(queued.map((m) => JSON.parse(m.body))).toEqual([
      {
        voteId: (result.data?.rateTitle as { id: string } | undefined)?.id,
        titleId: 'tt0085127',
        voterId: 'ur10000001',
        stars: 9,
        castAt: '2026-03-01T08:00:00.000Z',
      },
    ]);
    expect(await aggregate('tt0085127')).toEqual(before);
  });

  it.each([
    ['a name id as title', 'nm0000329', 5, 'ur10000001', 'title id'],
    ['a malformed title id', 'tt12', 5, 'ur10000001', '"tt" followed by 7 or 8 digits'],
    ['zero stars', 'tt0085127', 0, 'ur10000001', 'from 1 to 10'],
    ['eleven stars', 'tt0085127', 11, 'ur10000001', 'from 1 to 10'],
    ['a title ratings does not know', 'tt9999999', 5, 'ur10000001', 'not a title ratings knows'],
  ])(
    'refuses %s with BAD_USER_INPUT and sends nothing',
    async (_, titleId, stars, voterId, hint) => {
      const before = await aggregate(titleId);
      const result = await rate(titleId, stars, voterId);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(hint);
      expect(await receiveVotes()).toEqual([]);
      expect(await aggregate(titleId)).toEqual(before);
    },
  );
});

describe('who votes', () => {
  async function refused(result: Awaited<ReturnType<typeof rate>>, code: string, hint: string) {
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.errors?.[0]?.message).toContain(hint);
    expect(await receiveVotes()).toEqual([]);
  }

  it('counts a vote for the signed-in voter, whoever the client names', async () => {
    const result = await rate('tt0085127', 6, 'ur10000009');
    expect(result.data?.rateTitle).toMatchObject({ voterId: 'ur10000009' });
    expect(await receiveVotes()).toHaveLength(1);
  });

  it('refuses an anonymous vote with UNAUTHENTICATED and queues nothing', async () => {
    await refused(
      await rate('tt0085127', 6, '', { context: { requestId: 'r' } }),
      'UNAUTHENTICATED',
      'signed-in caller',
    );
  });

  it('refuses a vote in another voter’s name with FORBIDDEN and queues nothing', async () => {
    await refused(
      await rate('tt0085127', 1, 'ur10000009', { voterId: 'ur10000001' }),
      'FORBIDDEN',
      'not as ur10000001',
    );
  });

  it('refuses a caller without the ratings:write scope, and one who is not a voter', async () => {
    await refused(
      await rate('tt0085127', 6, 'ur10000009', { context: asVoter('ur10000009', []) }),
      'FORBIDDEN',
      'ratings:write',
    );
    await refused(await rate('tt0085127', 6, 'driver-D1'), 'FORBIDDEN', 'not a voter id');
  });

  it('queues a vote retried with the same Idempotency-Key once, answering it again', async () => {
    const context = { ...asVoter('ur10000010'), idempotencyKey: 'vote-key-1' };
    const first = await rate('tt0085127', 8, 'ur10000010', { context });
    const retry = await rate('tt0085127', 8, 'ur10000010', {
      context: { ...context, requestId: 'again' },
    });
    expect(retry).toEqual(first);
    expect(await receiveVotes()).toHaveLength(1);
  });
});

describe('countVotes', () => {
  it('counts a vote once, however often SQS delivers it', async () => {
    const before = await ratingOf('tt0085127');
    nowMs += 60_000;
    await rate('tt0085127', 10, 'ur10000002');
    const [message] = await receiveVotes();
    const record = { messageId: 'm-1', body: message?.body as string };
    expect(await countVotes(sqsEvent([record]), store)).toEqual({ batchItemFailures: [] });
    expect(await countVotes(sqsEvent([record, record]), store)).toEqual({ batchItemFailures: [] });
    expect(await aggregate('tt0085127')).toEqual({
      titleId: 'tt0085127',
      votes: 21_001,
      starsTotal: 7.4 * 21_000 + 10,
    });
    expect(await ratingOf('tt0085127')).toEqual({
      stars: 7.4,
      votes: (before as { votes: number }).votes + 1,
    });
  });

  it('replaces a voter’s earlier vote instead of counting another', async () => {
    nowMs += 60_000;
    await rate('tt0085127', 2, 'ur10000002');
    const body = (await receiveVotes())[0]?.body as string;
    expect(await countVotes(sqsEvent([{ body }]), store)).toEqual({ batchItemFailures: [] });
    expect(await aggregate('tt0085127')).toMatchObject({
      votes: 21_001,
      starsTotal: 7.4 * 21_000 + 2,
    });
  });

  it('keeps the newer vote when an older one arrives late', async () => {
    nowMs += 60_000;
    await rate('tt0080179', 3, 'ur10000003');
    const older = (await receiveVotes())[0]?.body as string;
    nowMs += 60_000;
    await rate('tt0080179', 8, 'ur10000003');
    const newer = (await receiveVotes())[0]?.body as string;
    const before = (await aggregate('tt0080179')) as { votes: number; starsTotal: number };
    await countVotes(sqsEvent([{ body: newer }]), store);
    await countVotes(sqsEvent([{ body: older }]), store);
    expect(await aggregate('tt0080179')).toMatchObject({
      votes: before.votes + 1,
      starsTotal: before.starsTotal + 8,
    });
  });

  it('counts concurrent votes of different voters without losing any', async () => {
    const before = (await aggregate('tt0091431')) as { votes: number; starsTotal: number };
    const records = Array.from({ length: 10 }, (_, i) => ({
      body: JSON.stringify({
        voteId: `burst-${i}`,
        titleId: 'tt0091431',
        voterId: `ur2000000${i}`,
        stars: 10,
        castAt: '2026-03-01T09:00:00.000Z',
      }),
    }));
    expect(await countVotes(sqsEvent(records), store)).toEqual({ batchItemFailures: [] });
    expect(await aggregate('tt0091431')).toMatchObject({
      votes: before.votes + 10,
      starsTotal: before.starsTotal + 100,
    });
  });

  it('reports poison messages as batch item failures and counts the rest', async () => {
    const before = (await aggregate('tt0111512')) as { votes: number; starsTotal: number };
    const good = JSON.stringify({
      voteId: 'good-1',
      titleId: 'tt0111512',
      voterId: 'ur30000001',
      stars: 8,
      castAt: '2026-03-01T10:00:00.000Z',
    });
    const event = sqsEvent([
      { messageId: 'not-json', body: '{"voteId":' },
      { messageId: 'good', body: good },
      { messageId: 'eleven-stars', body: good.replace('"stars":8', '"stars":11') },
      { messageId: 'no-voter', body: '{"voteId":"x","titleId":"tt0111512","stars":5}' },
    ]);
    expect(await countVotes(event, store)).toEqual({
      batchItemFailures: [
        { itemIdentifier: 'not-json' },
        { itemIdentifier: 'eleven-stars' },
        { itemIdentifier: 'no-voter' },
      ],
    });
    expect(await aggregate('tt0111512')).toMatchObject({
      votes: before.votes + 1,
      starsTotal: before.starsTotal + 8,
    });
  });
});
