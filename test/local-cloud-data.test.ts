import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import {
  ensureModuleQueues,
  ensureModuleTables,
  type ProvisionedQueue,
} from '../local-cloud/provision/index.ts';
import { defineModule } from '../modules/kit/index.ts';

const manifest = defineModule({
  name: 'dispatch',
  owner: 'team-dispatch',
  tier: 'medium',
  rest: { prefixes: ['/dispatch'] },
  tables: {
    loads: {
      partitionKey: { name: 'loadId' },
      indexes: {
        byDriver: { partitionKey: { name: 'driverId' }, sortKey: { name: 'pickupAt', type: 'N' } },
      },
      ttlAttribute: 'expiresAt',
    },
  },
  queues: { jobs: { visibilityTimeoutSeconds: 1, maxReceiveCount: 2 } },
});

let cloud: LocalCloud;
let table: string;
let queue: ProvisionedQueue;

beforeAll(async () => {
  cloud = await startLocalCloud();
  table = (await ensureModuleTables(manifest, cloud.clients.dynamo)).loads ?? '';
  const queues = await ensureModuleQueues(manifest, cloud.clients.sqs);
  queue = queues.jobs as ProvisionedQueue;
});

afterAll(() => cloud?.stop());

describe('DynamoDB on the local cloud', () => {
  const load = (loadId: string, driverId: string, pickupAt: number) => ({
    loadId,
    driverId,
    pickupAt,
  });

  it('refuses a conditional put on an existing key and keeps the stored item', async () => {
    const { documents } = cloud.clients;
    await documents.send(new PutCommand({ TableName: table, Item: load('L1', 'D1', 100) }));
    const second = documents.send(
      new PutCommand({
        TableName: table,
        Item: load('L1', 'D9', 999),
        ConditionExpression: 'attribute_not_exists(loadId)',
      }),
    );
    await expect(second).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const stored = await documents.send(
      new GetCommand({ TableName: table, Key: { loadId: 'L1' } }),
    );
    expect(stored.Item).toEqual(load('L1', 'D1', 100));
  });

  it('accepts a conditional put on a new key', async () => {
    await cloud.clients.documents.send(
      new PutCommand({
        TableName: table,
        Item: load('L2', 'D1', 50),
        ConditionExpression: 'attribute_not_exists(loadId)',
      }),
    );
    const stored = await cloud.clients.documents.send(
      new GetCommand({ TableName: table, Key: { loadId: 'L2' } }),
    );
    expect(stored.Item?.pickupAt).toBe(50);
  });

  it('queries the secondary index in sort-key order', async () => {
    const result = await cloud.clients.documents.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'byDriver',
        KeyConditionExpression: 'driverId = :d',
        ExpressionAttributeValues: { ':d': 'D1' },
      }),
    );
    expect(result.Items?.map((i) => i.loadId)).toEqual(['L2', 'L1']);
  });

  it('writes a transaction whole, and a cancelled one not at all', async () => {
    const { documents } = cloud.clients;
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: load('T1', 'D2', 1) } },
          { Put: { TableName: table, Item: load('T2', 'D2', 2) } },
        ],
      }),
    );
    const cancelled = documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: load('T3', 'D2', 3) } },
          {
            Put: {
              TableName: table,
              Item: load('T1', 'D2', 9),
              ConditionExpression: 'attribute_not_exists(loadId)',
            },
          },
        ],
      }),
    );
    await expect(cancelled).rejects.toBeInstanceOf(TransactionCanceledException);
    const t2 = await documents.send(new GetCommand({ TableName: table, Key: { loadId: 'T2' } }));
    const t3 = await documents.send(new GetCommand({ TableName: table, Key: { loadId: 'T3' } }));
    expect(t2.Item).toBeDefined();
    expect(t3.Item).toBeUndefined();
  });
});

describe('SQS on the local cloud', () => {
  const receive = (url: string, waitSeconds = 0) =>
    cloud.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: waitSeconds,
      }),
    );

  it('sends, receives and deletes a message', async () => {
    await cloud.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'hello' }),
    );
    const { Messages = [] } = await receive(queue.url, 1);
    expect(Messages.map((m) => m.Body)).toEqual(['hello']);
    await cloud.clients.sqs.send(
      new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: Messages[0]?.ReceiptHandle }),
    );
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await receive(queue.url)).Messages ?? []).toEqual([]);
  });

  it('delivers again after the visibility timeout, then moves the message to the DLQ', async () => {
    await cloud.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'poison' }),
    );
    const first = await receive(queue.url, 1);
    expect(first.Messages?.[0]?.Body).toBe('poison');
    expect((await receive(queue.url)).Messages ?? []).toEqual([]);
    // Hidden for the 1 s visibility timeout, then visible again: the second receive.
    const second = await receive(queue.url, 3);
    expect(second.Messages?.[0]?.Body).toBe('poison');
    // maxReceiveCount is 2, so the next receive attempt redrives it to the DLQ.
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await receive(queue.url)).Messages ?? []).toEqual([]);
    const dead = await receive(queue.deadLetterUrl, 2);
    expect(dead.Messages?.map((m) => m.Body)).toEqual(['poison']);
  });
});
