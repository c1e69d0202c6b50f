import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  InvalidParameterValueException,
  ListEventSourceMappingsCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateEventSourceMappingCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import {
  ensureAlias,
  ensureModuleQueues,
  ensureModuleTables,
  ensureQueueConsumers,
  type ProvisionedQueue,
  publishFunctionVersion,
  resourceEnvironment,
} from '../local-cloud/provision/index.ts';
import {
  defineModule,
  functionName,
  LIVE_ALIAS,
  type QueueManifest,
} from '../modules/kit/index.ts';

/**
 * The consumer under test. It writes what it saw to DynamoDB through the endpoint the
 * local cloud puts in its environment, as a module's own handler would. Bodies starting
 * with `fail` are reported in `batchItemFailures`; a body starting with `poison` throws.
 */
const CONSUMER = `
const sdk = await import(process.env.DYNAMODB_SDK_URL);
const { DynamoDBClient, PutItemCommand } = sdk.default ?? sdk;
const dynamo = new DynamoDBClient({});

function record(id, data) {
  return dynamo.send(new PutItemCommand({
    TableName: process.env.TURNOUT_TABLE_SEEN,
    Item: { id: { S: id }, data: { S: JSON.stringify(data) } },
  }));
}

export const handler = async (event, context) => {
  const batchItemFailures = [];
  for (const r of event.Records) {
    const attempt = r.attributes.ApproximateReceiveCount;
    if (r.body.startsWith('poison')) {
      await record(r.body + '#' + attempt, {});
      throw new Error('cannot handle ' + r.body);
    }
    if (r.body.startsWith('fail')) {
      await record(r.body + '#' + attempt, {});
      batchItemFailures.push({ itemIdentifier: r.messageId });
      continue;
    }
    await record(r.body, {
      record: r,
      version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      invokedFunctionArn: context.invokedFunctionArn,
    });
  }
  return { batchItemFailures };
};`;

const manifest = defineModule({
  name: 'consumer-test',
  owner: 'team-platform',
  tier: 'low',
  rest: { prefixes: ['/consumer-test'] },
  tables: { seen: { partitionKey: { name: 'id' } } },
  queues: {
    // Long enough that a cold environment on a loaded machine finishes before the message
    // shows again: the work cases count one receive per message.
    work: { visibilityTimeoutSeconds: 10, maxReceiveCount: 2, consumer: { batchSize: 10 } },
    partial: { visibilityTimeoutSeconds: 2, maxReceiveCount: 2, consumer: { batchSize: 10 } },
    poison: { visibilityTimeoutSeconds: 2, maxReceiveCount: 2, consumer: { batchSize: 10 } },
    outbox: { visibilityTimeoutSeconds: 2 },
  },
});
const FUNCTION = functionName(manifest.name);

let cloud: LocalCloud;
let table: string;
let queues: Record<string, ProvisionedQueue>;
let consumers: Awaited<ReturnType<typeof ensureQueueConsumers>>;

const queue = (logical: string) => queues[logical] as ProvisionedQueue;
const zip = (code: string) => zipSync({ 'index.mjs': strToU8(code) });

beforeAll(async () => {
  cloud = await startLocalCloud();
  const { lambda, dynamo, sqs } = cloud.clients;
  table = (await ensureModuleTables(manifest, dynamo)).seen ?? '';
  queues = await ensureModuleQueues(manifest, sqs);
  const { version } = await publishFunctionVersion(
    lambda,
    {
      functionName: FUNCTION,
      handler: 'index.handler',
      // The queues' visibility timeout must cover it, as Lambda requires.
      timeoutSeconds: 2,
      memoryMB: 256,
      role: 'arn:aws:iam::000000000000:role/local',
      environment: {
        ...resourceEnvironment({ seen: table }, queues),
        DYNAMODB_SDK_URL: pathToFileURL(
          createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb'),
        ).href,
      },
    },
    zip(CONSUMER),
  );
  await ensureAlias(lambda, { functionName: FUNCTION, alias: LIVE_ALIAS, version });
  consumers = await ensureQueueConsumers(manifest, { lambda }, queues);
});

afterAll(() => cloud?.stop());

async function seen(id: string) {
  const { Item } = await cloud.clients.documents.send(
    new GetCommand({ TableName: table, Key: { id } }),
  );
  return Item ? (JSON.parse(Item.data as string) as Record<string, unknown>) : undefined;
}

async function seenIds(prefix: string): Promise<string[]> {
  const { Items = [] } = await cloud.clients.documents.send(new ScanCommand({ TableName: table }));
  return Items.map((item) => item.id as string)
    .filter((id) => id.startsWith(prefix))
    .sort();
}

async function messagesIn(url: string) {
  const { Attributes = {} } = await cloud.clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible)
  );
}

async function send(url: string, ...bodies: string[]) {
  await cloud.clients.sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: url,
      Entries: bodies.map((body, i) => ({
        Id: String(i),
        MessageBody: body,
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'test' } },
      })),
    }),
  );
}

async function drainDeadLetters(url: string): Promise<string[]> {
  const { Messages = [] } = await cloud.clients.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
  );
  return Messages.map((message) => message.Body ?? '');
}

const mappingOf = (logical: string) => consumers[logical]?.uuid ?? '';
// A generous ceiling: under a load average near 20 the first batch took longer than 15 s.
const POLL = { timeout: 60_000, interval: 200 };

describe('SQS event source mappings on the local cloud', { timeout: 180_000 }, () => {
  it('maps each consumed queue to the live alias and leaves the others unmapped', async () => {
    expect(Object.keys(consumers).sort()).toEqual(['partial', 'poison', 'work']);
    expect(Object.values(consumers).map((c) => c.outcome)).toEqual([
      'created',
      'created',
      'created',
    ]);
    const mapping = await cloud.clients.lambda.send(
      new GetEventSourceMappingCommand({ UUID: mappingOf('work') }),
    );
    expect(mapping).toMatchObject({
      EventSourceArn: queue('work').arn,
      FunctionArn: expect.stringMatching(new RegExp(`:function:${FUNCTION}:live$`)),
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      State: 'Enabled',
    });
    expect(mapping.LastModified).toBeInstanceOf(Date);
    const again = await ensureQueueConsumers(manifest, cloud.clients, queues);
    expect(again.work).toEqual({ uuid: mappingOf('work'), outcome: 'unchanged' });
  });

  it('brings an existing mapping in line with a changed batch size and keeps it otherwise', async () => {
    const work = manifest.queues.work as QueueManifest;
    const bigger = {
      ...manifest,
      queues: { ...manifest.queues, work: { ...work, consumer: { batchSize: 20 } } },
    };
    const changed = await ensureQueueConsumers(bigger, cloud.clients, queues);
    expect(changed.work).toEqual({ uuid: mappingOf('work'), outcome: 'updated' });
    expect(changed.poison?.outcome).toBe('unchanged');
    const mapping = await cloud.clients.lambda.send(
      new GetEventSourceMappingCommand({ UUID: mappingOf('work') }),
    );
    expect(mapping).toMatchObject({ BatchSize: 20, MaximumBatchingWindowInSeconds: 1 });
    expect((await ensureQueueConsumers(manifest, cloud.clients, queues)).work?.outcome).toBe(
      'updated',
    );
  });

  it('lists mappings by function and by queue', async () => {
    const byFunction = await cloud.clients.lambda.send(
      new ListEventSourceMappingsCommand({ FunctionName: `${FUNCTION}:live` }),
    );
    expect(byFunction.EventSourceMappings).toHaveLength(3);
    const byQueue = await cloud.clients.lambda.send(
      new ListEventSourceMappingsCommand({ EventSourceArn: queue('poison').arn }),
    );
    expect(byQueue.EventSourceMappings?.map((m) => m.UUID)).toEqual([mappingOf('poison')]);
  });

  it('answers bad requests with Lambda exceptions', async () => {
    const { lambda } = cloud.clients;
    const create = (input: { FunctionName: string; EventSourceArn: string; BatchSize?: number }) =>
      lambda.send(new CreateEventSourceMappingCommand(input));
    const arn = queue('outbox').arn;
    await expect(
      create({
        FunctionName: FUNCTION,
        EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s',
      }),
    ).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(
      create({ FunctionName: FUNCTION, EventSourceArn: arn, BatchSize: 20_000 }),
    ).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(
      create({ FunctionName: 'no-such-function', EventSourceArn: arn }),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      create({ FunctionName: `${FUNCTION}:live`, EventSourceArn: queue('work').arn }),
    ).rejects.toBeInstanceOf(ResourceConflictException);
    await expect(
      lambda.send(
        new GetEventSourceMappingCommand({ UUID: '00000000-0000-0000-0000-000000000000' }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('creates, updates and deletes a mapping, answering with transitional states', async () => {
    const { lambda } = cloud.clients;
    const created = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: FUNCTION,
        EventSourceArn: queue('outbox').arn,
        Enabled: false,
      }),
    );
    expect(created).toMatchObject({ State: 'Creating', BatchSize: 10 });
    const updated = await lambda.send(
      new UpdateEventSourceMappingCommand({
        UUID: created.UUID,
        BatchSize: 5,
        MaximumBatchingWindowInSeconds: 1,
      }),
    );
    expect(updated).toMatchObject({
      State: 'Updating',
      BatchSize: 5,
      MaximumBatchingWindowInSeconds: 1,
    });
    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
    expect(deleted.State).toBe('Deleting');
    await expect(
      lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('invokes the live alias with each message sent and deletes them', async () => {
    await send(queue('work').url, 'work-1', 'work-2', 'work-3', 'work-4', 'work-5');
    await expect
      .poll(() => seenIds('work-'), POLL)
      .toEqual(['work-1', 'work-2', 'work-3', 'work-4', 'work-5']);
    const first = await seen('work-1');
    expect(first).toMatchObject({
      version: '1',
      invokedFunctionArn: expect.stringMatching(/:live$/),
    });
    const record = first?.record as SQSRecord;
    expect(record).toMatchObject({
      body: 'work-1',
      eventSource: 'aws:sqs',
      eventSourceARN: queue('work').arn,
      awsRegion: 'us-east-1',
      md5OfBody: expect.any(String),
      messageAttributes: { kind: { stringValue: 'test', dataType: 'String' } },
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.any(String),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.any(String),
      },
    });
    await expect.poll(() => messagesIn(queue('work').url), POLL).toBe(0);
  });

  it('deletes the finished messages of a batch and leaves only the reported failures', async () => {
    await send(queue('partial').url, 'ok-a', 'fail-b', 'ok-c');
    await expect.poll(() => seenIds('ok-'), POLL).toEqual(['ok-a', 'ok-c']);
    let dead: string[] = [];
    await expect
      .poll(async () => {
        dead = dead.concat(await drainDeadLetters(queue('partial').deadLetterUrl));
        return dead;
      }, POLL)
      .toEqual(['fail-b']);
    expect(await seenIds('fail-b#')).toEqual(['fail-b#1', 'fail-b#2']);
    expect((await seen('ok-a'))?.record).toMatchObject({
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(await messagesIn(queue('partial').url)).toBe(0);
  });

  it('moves a message the function always fails on to the DLQ after maxReceiveCount', async () => {
    await send(queue('poison').url, 'poison-1');
    let dead: string[] = [];
    await expect
      .poll(async () => {
        dead = dead.concat(await drainDeadLetters(queue('poison').deadLetterUrl));
        return dead;
      }, POLL)
      .toEqual(['poison-1']);
    expect(await seenIds('poison-1#')).toEqual(['poison-1#1', 'poison-1#2']);
  });

  it('routes consumer invokes by the alias weights', async () => {
    const { lambda } = cloud.clients;
    const { Version } = await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: FUNCTION,
        ZipFile: zip(`${CONSUMER}\n// the second version`),
        Publish: true,
      }),
    );
    await lambda.send(
      new UpdateAliasCommand({
        FunctionName: FUNCTION,
        Name: LIVE_ALIAS,
        RoutingConfig: { AdditionalVersionWeights: { [Version ?? '']: 0.5 } },
      }),
    );
    // why: the alias picks a version per invoke, so send one message per batch until both ran
    const versions = new Set<unknown>();
    for (let i = 0; i < 40 && versions.size < 2; i += 1) {
      await send(queue('work').url, `split-${i}`);
      await expect.poll(() => seen(`split-${i}`), POLL).toBeDefined();
      versions.add((await seen(`split-${i}`))?.version);
    }
    expect(versions).toEqual(new Set(['1', Version]));
  });

  it('stops consuming while the mapping is disabled and resumes when it is enabled', async () => {
    const { lambda } = cloud.clients;
    const UUID = mappingOf('work');
    const disabled = await lambda.send(
      new UpdateEventSourceMappingCommand({ UUID, Enabled: false }),
    );
    expect(disabled.State).toBe('Disabling');
    await expect.poll(() => cloud.lambda.activePollers, POLL).toBe(2);
    await send(queue('work').url, 'paused-1');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await seen('paused-1')).toBeUndefined();
    expect(await messagesIn(queue('work').url)).toBe(1);
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
    await expect.poll(() => seen('paused-1'), POLL).toBeDefined();
  });

  // That stop() aborts a poller's long poll rather than waiting it out is the poller's unit
  // test's question: a bound on the wall time here would fail on a loaded machine.
  it('ends every poller on stop, leaving new messages in the queue', async () => {
    expect(cloud.lambda.activePollers).toBe(3);
    await cloud.lambda.stop();
    expect(cloud.lambda.activePollers).toBe(0);
    await cloud.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: queue('work').url, MessageBody: 'after-stop' }),
    );
    // why: longer than a poll plus the visibility timeout, so a consumer would have been seen
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(await seen('after-stop')).toBeUndefined();
    expect(await messagesIn(queue('work').url)).toBe(1);
  });
});
