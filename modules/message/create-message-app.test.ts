import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  jsonOf,
  type ProvisionedResources,
  type RelayServices,
  sqsEvent,
} from '../../test/relay-test-kit.ts';
import { callerEnv } from '../../test/support/caller-env.ts';
import { jsonPost } from '../../test/support/json-post.ts';
import { receiveMessages } from '../../test/support/receive-messages.ts';
import { setUpRelayModule } from '../../test/support/set-up-relay-module.ts';
import { createIdempotencyStore } from '../kit/index.ts';
import { createMessageApp } from './create-message-app.ts';
import { deliverMessages } from './deliver-messages.ts';
import manifest from './module.ts';

let services: RelayServices;
let resources: ProvisionedResources;
let app: ReturnType<typeof createMessageApp>;
let nowMs = Date.parse('2026-03-01T08:00:00Z');
const clock = { now: () => nowMs };

setUpRelayModule(manifest, (relay) => {
  ({ services, resources } = relay);
  app = createMessageApp({
    documents: services.clients.documents,
    sqs: services.clients.sqs,
    tables: { messages: resources.tables.messages as string },
    queues: { deliveries: resources.queues.deliveries?.url as string },
    clock,
    idempotency: createIdempotencyStore({
      documents: services.clients.documents,
      tableName: resources.tables.idempotency as string,
    }),
  });
});

/** Dispatch sends to and reads any driver; a driver reads their own messages. */
const DISPATCH = callerEnv('dispatcher-7', ['dispatch']);
const driver = (driverId: string) => callerEnv(`driver-${driverId}`, ['messages:read']);
/** No authorizer: what the module sees of a request without a token. */
const ANONYMOUS = {};

const post = (driverId: string, body: unknown, env: object = DISPATCH, headers = {}) => {
  const init = jsonPost(body);
  return app.request(
    `/message/drivers/${driverId}/messages`,
    { ...init, headers: { ...init.headers, ...headers } },
    env,
  );
};
const list = (pathAndQuery: string, env: object = DISPATCH) => app.request(pathAndQuery, {}, env);

async function storedMessages(driverId: string) {
  const output = await services.clients.documents.send(
    new QueryCommand({
      TableName: resources.tables.messages,
      KeyConditionExpression: 'driverId = :d',
      ExpressionAttributeValues: { ':d': driverId },
      ConsistentRead: true,
    }),
  );
  return output.Items ?? [];
}

const receiveDeliveries = () =>
  receiveMessages(services.clients.sqs, resources.queues.deliveries?.url);

const deliveryOptions = () => ({
  documents: services.clients.documents,
  messagesTable: resources.tables.messages as string,
  clock,
});

describe('POST /message/drivers/:driverId/messages', () => {
  it('stores the message as queued and puts it on the deliveries queue', async () => {
    const response = await post('D-100', { text: 'Door 12 is ready for you.', from: 'DFW7 yard' });
    expect(response.status).toBe(202);
    const { message } = await jsonOf(response);
    expect(message).toMatchObject({
      driverId: 'D-100',
      text: 'Door 12 is ready for you.',
      from: 'DFW7 yard',
      sentBy: 'dispatcher-7',
      status: 'queued',
      sentAt: '2026-03-01T08:00:00.000Z',
    });
    expect(await storedMessages('D-100')).toEqual([message]);
    const queued = await receiveDeliveries();
    expect(queued.map((m) => JSON.parse(m.body))).toEqual([
      { driverId: 'D-100', messageId: message.messageId },
    ]);
  });

  it.each([
    ['an empty text', 'D-200', { text: '  ', from: 'dispatch' }, 'INVALID_BODY', 'text'],
    ['a missing sender', 'D-200', { text: 'hi' }, 'INVALID_BODY', 'from'],
    [
      'an unknown field',
      'D-200',
      { text: 'hi', from: 'x', urgent: true },
      'INVALID_BODY',
      'urgent',
    ],
    ['a body that is not JSON', 'D-200', '{"text":', 'INVALID_JSON', 'JSON'],
    ['a bad driver id', 'D%20200', { text: 'hi', from: 'x' }, 'INVALID_PATH', 'driverId'],
  ])('refuses %s with a 400 and stores and sends nothing', async (_, driver, body, code, hint) => {
    const response = await post(driver, body);
    expect(response.status).toBe(400);
    const { error } = await jsonOf(response);
    expect(error.code).toBe(code);
    expect(error.message).toContain(hint);
    expect(await storedMessages('D-200')).toEqual([]);
    expect(await storedMessages('D 200')).toEqual([]);
    expect(await receiveDeliveries()).toEqual([]);
  });
});

describe('GET /message/drivers/:driverId/messages', () => {
  it('lists a driver’s messages newest first, a page at a time', async () => {
    for (let i = 1; i <= 5; i++) {
      nowMs += 60_000;
      expect((await post('D-300', { text: `update ${i}`, from: 'dispatch' })).status).toBe(202);
    }
    await receiveDeliveries();
    const texts: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await list(`/message/drivers/D-300/messages?limit=2${query}`);
      expect(response.status).toBe(200);
      const page = await jsonOf(response);
      expect(page.messages.length).toBeLessThanOrEqual(2);
      texts.push(...page.messages.map((m: { text: string }) => m.text));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(texts).toEqual(['update 5', 'update 4', 'update 3', 'update 2', 'update 1']);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('answers an empty list for a driver without messages', async () => {
    const response = await list('/message/drivers/D-nobody/messages');
    expect(await jsonOf(response)).toEqual({ messages: [], nextCursor: null });
  });

  it('refuses a cursor it did not hand out', async () => {
    const response = await list('/message/drivers/D-300/messages?cursor=bm90LWEtY3Vyc29y');
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error.code).toBe('INVALID_CURSOR');
  });

  it('refuses another driver’s cursor', async () => {
    const first = await jsonOf(await list('/message/drivers/D-300/messages?limit=1'));
    const response = await list(`/message/drivers/D-999/messages?cursor=${first.nextCursor}`);
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error.message).toContain('another driver');
  });

  it.each(['0', '101', 'ten', '2.5'])('refuses limit=%s with a 400 naming limit', async (limit) => {
    const response = await list(`/message/drivers/D-300/messages?limit=${limit}`);
    expect(response.status).toBe(400);
    const { error } = await jsonOf(response);
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain('limit');
  });
});

describe('who may read and send', () => {
  it('lets a driver read their own messages', async () => {
    const response = await list('/message/drivers/D-300/messages?limit=1', driver('D-300'));
    expect(response.status).toBe(200);
    expect((await jsonOf(response)).messages).toHaveLength(1);
  });

  it('refuses a driver another driver’s messages with 403, telling nothing of them', async () => {
    const response = await list('/message/drivers/D-300/messages', driver('D-301'));
    expect(response.status).toBe(403);
    const body = await jsonOf(response);
    expect(body.error.code).toBe('FORBIDDEN');
    expect(body.messages).toBeUndefined();
  });

  it('refuses anonymous readers and senders with 401, storing and sending nothing', async () => {
    expect((await list('/message/drivers/D-300/messages', ANONYMOUS)).status).toBe(401);
    const sent = await post('D-700', { text: 'hi', from: 'x' }, ANONYMOUS);
    expect(sent.status).toBe(401);
    expect(await storedMessages('D-700')).toEqual([]);
    expect(await receiveDeliveries()).toEqual([]);
  });

  it('refuses a driver who only reads a send, with 403', async () => {
    const sent = await post('D-700', { text: 'hi', from: 'x' }, driver('D-700'));
    expect(sent.status).toBe(403);
    expect(await storedMessages('D-700')).toEqual([]);
  });

  it('stores and delivers a send retried with the same Idempotency-Key once', async () => {
    const key = { 'idempotency-key': 'send-D-800-1' };
    const body = { text: 'Door 9', from: 'dispatch' };
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => post('D-800', body, DISPATCH, key)),
    );
    const retry = await post('D-800', body, DISPATCH, key);
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    for (const response of responses) expect([202, 409]).toContain(response.status);
    const stored = await storedMessages('D-800');
    expect(stored).toHaveLength(1);
    expect((await jsonOf(retry)).message.messageId).toBe(stored[0]?.messageId);
    expect(await receiveDeliveries()).toHaveLength(1);
  });
});

describe('deliverMessages', () => {
  // Failed and orphaned deliveries are logged on purpose; keep the test output quiet.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('marks each queued message delivered', async () => {
    nowMs += 60_000;
    const { message } = await jsonOf(await post('D-400', { text: 'Load ready', from: 'ops' }));
    const records = await receiveDeliveries();
    nowMs += 5_000;
    const result = await deliverMessages(sqsEvent(records), deliveryOptions());
    expect(result).toEqual({ batchItemFailures: [] });
    const [stored] = await storedMessages('D-400');
    expect(stored).toMatchObject({
      messageId: message.messageId,
      status: 'delivered',
      deliveredAt: new Date(nowMs).toISOString(),
    });
  });

  it('changes nothing when SQS delivers the same message again', async () => {
    const [before] = await storedMessages('D-400');
    nowMs += 60_000;
    const body = JSON.stringify({ driverId: 'D-400', messageId: before?.messageId });
    const result = await deliverMessages(sqsEvent([{ body }, { body }]), deliveryOptions());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await storedMessages('D-400')).toEqual([before]);
  });

  it('reports only the records that failed, so SQS retries just those', async () => {
    await post('D-500', { text: 'one', from: 'ops' });
    const [good] = await receiveDeliveries();
    const event = sqsEvent([
      { messageId: 'good', body: good?.body as string },
      { messageId: 'poison', body: 'not json' },
      { messageId: 'wrong-shape', body: '{"driver":"D-500"}' },
    ]);
    const result = await deliverMessages(event, deliveryOptions());
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: 'poison' },
      { itemIdentifier: 'wrong-shape' },
    ]);
    const [stored] = await storedMessages('D-500');
    expect(stored?.status).toBe('delivered');
  });

  it('does not create a message from a delivery that names none', async () => {
    const body = JSON.stringify({ driverId: 'D-600', messageId: 'm-missing' });
    const result = await deliverMessages(sqsEvent([{ body }]), deliveryOptions());
    expect(result).toEqual({ batchItemFailures: [] });
    const missing = await services.clients.documents.send(
      new GetCommand({
        TableName: resources.tables.messages,
        Key: { driverId: 'D-600', messageId: 'm-missing' },
      }),
    );
    expect(missing.Item).toBeUndefined();
  });
});
