import { CreateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AwsClients } from '../../control-plane/aws/index.ts';
import { jsonOf } from '../../test/relay-test-kit.ts';
import { callerEnv } from '../../test/support/caller-env.ts';
import { jsonPost } from '../../test/support/json-post.ts';
import { setUpLocalDynamoDb } from '../../test/support/set-up-local-dynamo-db.ts';
import { createGraphletHandler } from './create-graphlet-handler.ts';
import { createIdempotencyStore, type IdempotencyStore } from './create-idempotency-store.ts';
import { IDEMPOTENCY_TABLE } from './idempotency-table.ts';
import { idempotentResolver } from './idempotent-resolver.ts';
import { idempotentWrites } from './idempotent-writes.ts';
import { useRestErrors } from './use-rest-errors.ts';

let clients: AwsClients;
let store: IdempotencyStore;
const TABLE = 'turnout-test-idempotency';

setUpLocalDynamoDb(async (started) => {
  clients = started;
  await clients.dynamo.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: IDEMPOTENCY_TABLE.partitionKey.name, AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey.name, KeyType: 'HASH' }],
    }),
  );
  await clients.dynamo.send(
    new UpdateTimeToLiveCommand({
      TableName: TABLE,
      TimeToLiveSpecification: { AttributeName: IDEMPOTENCY_TABLE.ttlAttribute, Enabled: true },
    }),
  );
  store = createIdempotencyStore({ documents: clients.documents, tableName: TABLE });
});

/** An app whose POST /orders counts each time it really runs, slowly enough to overlap. */
function ordersApp() {
  const applied: unknown[] = [];
  const app = useRestErrors(new Hono());
  app.use(idempotentWrites(store));
  app.post('/orders', async (c) => {
    const body = await c.req.json();
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (body.fail) return c.json({ error: { code: 'DOWN', message: 'down' } }, 503);
    applied.push(body);
    return c.json({ order: { n: applied.length, ...body } }, 201);
  });
  return { app, applied };
}

const order = (body: unknown, key?: string) =>
  ({
    ...jsonPost(body),
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
  }) satisfies RequestInit;

describe('idempotentWrites', () => {
  it('applies a retried write once and answers the retry with the first answer', async () => {
    const { app, applied } = ordersApp();
    const env = callerEnv('driver-D1');
    const first = await app.request('/orders', order({ item: 'pallet' }, 'k-1'), env);
    const retry = await app.request('/orders', order({ item: 'pallet' }, 'k-1'), env);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(await first.json());
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(applied).toHaveLength(1);
  });

  it('applies the same key sent concurrently ten times once', async () => {
    const { app, applied } = ordersApp();
    const env = callerEnv('driver-D1');
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        app.request('/orders', order({ item: 'crate' }, 'k-2'), env),
      ),
    );
    expect(applied).toHaveLength(1);
    for (const response of responses) {
      // Each either got the write's answer (first or replayed) or was told it is still running.
      expect([201, 409]).toContain(response.status);
      if (response.status === 409)
        expect((await jsonOf(response)).error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    }
  });

  it('refuses the key with another body, applying nothing', async () => {
    const { app, applied } = ordersApp();
    const env = callerEnv('driver-D1');
    await app.request('/orders', order({ item: 'box' }, 'k-3'), env);
    const reused = await app.request('/orders', order({ item: 'barrel' }, 'k-3'), env);
    expect(reused.status).toBe(422);
    expect((await jsonOf(reused)).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(applied).toEqual([{ item: 'box' }]);
  });

  it('keeps each caller’s keys apart: another caller’s same key is another write', async () => {
    const { app, applied } = ordersApp();
    await app.request('/orders', order({ item: 'bag' }, 'k-4'), callerEnv('driver-D1'));
    const other = await app.request(
      '/orders',
      order({ item: 'bag' }, 'k-4'),
      callerEnv('driver-D2'),
    );
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(applied).toHaveLength(2);
  });

  it('keeps no 5xx answer, so a retry runs the write again', async () => {
    const { app } = ordersApp();
    const env = callerEnv('driver-D1');
    expect((await app.request('/orders', order({ fail: true }, 'k-5'), env)).status).toBe(503);
    const retry = await app.request('/orders', order({ fail: true }, 'k-5'), env);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('runs every write without a key, as before', async () => {
    const { app, applied } = ordersApp();
    await app.request('/orders', order({ item: 'tube' }));
    await app.request('/orders', order({ item: 'tube' }));
    expect(applied).toHaveLength(2);
  });

  it('keeps its records in the module’s table, with an expiry for TTL', async () => {
    const output = await clients.documents.send(new ScanCommand({ TableName: TABLE }));
    expect(output.Items?.length).toBeGreaterThan(0);
    for (const item of output.Items ?? []) {
      expect(item.id).toMatch(/^turnout#/);
      expect(typeof item.expiration).toBe('number');
    }
  });
});

describe('idempotentResolver', () => {
  it('runs a mutation once per key and field, answering a retry with the first result', async () => {
    let votes = 0;
    const graphlet = createGraphletHandler({
      sdl: 'type Vote { n: Int! stars: Int! } type Mutation { vote(stars: Int!): Vote! }',
      resolvers: {
        Query: {},
        Mutation: {
          vote: idempotentResolver(store, (_: unknown, args: { stars: number }) => ({
            n: ++votes,
            stars: args.stars,
          })),
        },
      },
    });
    const context = {
      requestId: 'r',
      idempotencyKey: 'v-1',
      identity: { sub: 'ur1234567', scopes: [], claims: {} },
    };
    const query = 'mutation { a: vote(stars: 7) { n stars } b: vote(stars: 8) { n stars } }';
    const first = await graphlet({ query, context });
    const retry = await graphlet({ query, context: { ...context, requestId: 'r2' } });
    expect(first).toEqual({ data: { a: { n: 1, stars: 7 }, b: { n: 2, stars: 8 } } });
    expect(retry).toEqual(first);
    expect(votes).toBe(2);
    const unkeyed = await graphlet({
      query: 'mutation { vote(stars: 1) { n } }',
      context: { requestId: 'r3' },
    });
    expect(unkeyed).toEqual({ data: { vote: { n: 3 } } });
  });
});
