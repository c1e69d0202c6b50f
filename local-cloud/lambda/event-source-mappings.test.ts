import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlias } from './aliases.ts';
import {
  InvalidParameterValueError,
  ResourceConflictError,
  ResourceNotFoundError,
} from './errors.ts';
import { createEventSourceMappings, type EventSourceMappings } from './event-source-mappings.ts';
import { createFunctionsStore, type FunctionsStore } from './functions-store.ts';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:jobs';
const FIFO_QUEUE = 'arn:aws:sqs:us-east-1:123456789012:jobs.fifo';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:orders';

let tempRoot: string;
let functions: FunctionsStore;
let mappings: EventSourceMappings;
let changed: string[];
let visibilityTimeoutSeconds: number;

beforeEach(async () => {
  tempRoot = await mkdtemp(join(tmpdir(), 'esm-test-'));
  changed = [];
  visibilityTimeoutSeconds = 30;
  functions = createFunctionsStore({
    region: 'us-east-1',
    accountId: '123456789012',
    tempRoot,
    clock: Date,
    onRetired: () => {},
  });
  await functions.createFunction({
    FunctionName: 'orders',
    Handler: 'index.handler',
    Timeout: 10,
    Publish: true,
    Code: {
      ZipFile: Buffer.from(
        zipSync({ 'index.mjs': strToU8('export const handler = () => 1;') }),
      ).toString('base64'),
    },
  });
  createAlias(functions.get('orders'), { Name: 'live', FunctionVersion: '1' });
  mappings = createEventSourceMappings({
    functions,
    region: 'us-east-1',
    accountId: '123456789012',
    clock: { now: () => 1_700_000_000_500 },
    inspectQueue: async (arn) => {
      if (arn.endsWith(':missing')) throw new InvalidParameterValueError('no such queue');
      return { visibilityTimeoutSeconds };
    },
    onChanged: (uuid) => changed.push(uuid),
  });
});

afterEach(() => rm(tempRoot, { recursive: true, force: true }));

describe('event source mappings', () => {
  it('creates a mapping to an alias with Lambda defaults and answers Creating', async () => {
    const created = await mappings.create({ FunctionName: 'orders:live', EventSourceArn: QUEUE });
    expect(created).toMatchObject({
      EventSourceArn: QUEUE,
      FunctionArn: `${FUNCTION_ARN}:live`,
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 0,
      FunctionResponseTypes: [],
      LastModified: 1_700_000_000.5,
      State: 'Creating',
      StateTransitionReason: 'USER_INITIATED',
      EventSourceMappingArn: `arn:aws:lambda:us-east-1:123456789012:event-source-mapping:${created.UUID}`,
    });
    expect(mappings.get(created.UUID).State).toBe('Enabled');
    expect(changed).toEqual([created.UUID]);
  });

  it('accepts the function by ARN and keeps it unqualified when no alias is named', async () => {
    const created = await mappings.create({ FunctionName: FUNCTION_ARN, EventSourceArn: QUEUE });
    expect(created.FunctionArn).toBe(FUNCTION_ARN);
  });

  it('creates a disabled mapping when asked to', async () => {
    const { UUID } = await mappings.create({
      FunctionName: 'orders',
      EventSourceArn: QUEUE,
      Enabled: false,
    });
    expect(mappings.get(UUID).State).toBe('Disabled');
  });

  it.each([
    ['a Kinesis stream', { EventSourceArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s' }],
    ['a batch size of 0', { BatchSize: 0 }],
    ['a batch size above 10,000', { BatchSize: 10_001 }],
    ['a batch above 10 without a batching window', { BatchSize: 11 }],
    ['a batching window above 300 seconds', { MaximumBatchingWindowInSeconds: 301 }],
    ['an unknown response type', { FunctionResponseTypes: ['ReportEverything'] }],
    ['a concurrency of 1', { ScalingConfig: { MaximumConcurrency: 1 } }],
    ['filter criteria, which are not emulated', { FilterCriteria: { Filters: [] } }],
    [
      'a queue that does not exist',
      { EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:missing' },
    ],
  ])('refuses %s with InvalidParameterValueError', async (_, input) => {
    await expect(
      mappings.create({ FunctionName: 'orders', EventSourceArn: QUEUE, ...input }),
    ).rejects.toThrow(InvalidParameterValueError);
    expect(mappings.list()).toEqual([]);
  });

  it('allows a batch above 10 with a batching window, and at most 10 on a FIFO queue', async () => {
    const big = { BatchSize: 100, MaximumBatchingWindowInSeconds: 1 };
    await expect(
      mappings.create({ FunctionName: 'orders', EventSourceArn: QUEUE, ...big }),
    ).resolves.toMatchObject(big);
    await expect(
      mappings.create({ FunctionName: 'orders', EventSourceArn: FIFO_QUEUE, BatchSize: 11 }),
    ).rejects.toThrow(/FIFO/);
  });

  it('refuses a queue whose visibility timeout is shorter than the function timeout', async () => {
    visibilityTimeoutSeconds = 5;
    await expect(
      mappings.create({ FunctionName: 'orders', EventSourceArn: QUEUE }),
    ).rejects.toThrow(
      'Queue visibility timeout: 5 seconds is less than Function timeout: 10 seconds',
    );
  });

  it('refuses an unknown function or alias with ResourceNotFoundError', async () => {
    await expect(mappings.create({ FunctionName: 'nope', EventSourceArn: QUEUE })).rejects.toThrow(
      ResourceNotFoundError,
    );
    await expect(
      mappings.create({ FunctionName: 'orders:canary', EventSourceArn: QUEUE }),
    ).rejects.toThrow(ResourceNotFoundError);
  });

  it('refuses a second mapping of the same queue to the same function', async () => {
    const first = await mappings.create({ FunctionName: 'orders:live', EventSourceArn: QUEUE });
    await expect(
      mappings.create({ FunctionName: `${FUNCTION_ARN}:live`, EventSourceArn: QUEUE }),
    ).rejects.toThrow(first.UUID);
    await expect(
      mappings.create({ FunctionName: 'orders:live', EventSourceArn: QUEUE }),
    ).rejects.toBeInstanceOf(ResourceConflictError);
    await expect(
      mappings.create({ FunctionName: 'orders', EventSourceArn: QUEUE }),
    ).resolves.toBeDefined();
  });

  it('lists mappings by queue and by the function ARN the filter names', async () => {
    const live = await mappings.create({ FunctionName: 'orders:live', EventSourceArn: QUEUE });
    const plain = await mappings.create({ FunctionName: 'orders', EventSourceArn: FIFO_QUEUE });
    const uuids = (list: { UUID: string }[]) => list.map((m) => m.UUID);
    expect(uuids(mappings.list({ EventSourceArn: QUEUE }))).toEqual([live.UUID]);
    expect(uuids(mappings.list({ FunctionName: 'orders:live' }))).toEqual([live.UUID]);
    expect(uuids(mappings.list({ FunctionName: FUNCTION_ARN }))).toEqual([plain.UUID]);
    expect(mappings.list({ FunctionName: 'orders:live', EventSourceArn: FIFO_QUEUE })).toEqual([]);
  });

  it('disables and re-enables a mapping, answering Disabling and Enabling', async () => {
    const { UUID } = await mappings.create({ FunctionName: 'orders', EventSourceArn: QUEUE });
    expect((await mappings.update(UUID, { Enabled: false })).State).toBe('Disabling');
    expect(mappings.get(UUID).State).toBe('Disabled');
    expect((await mappings.update(UUID, { Enabled: true })).State).toBe('Enabling');
    expect(mappings.get(UUID).State).toBe('Enabled');
    expect(changed).toEqual([UUID, UUID, UUID]);
  });

  it('updates the batch settings and keeps what the update leaves out', async () => {
    const { UUID } = await mappings.create({
      FunctionName: 'orders',
      EventSourceArn: QUEUE,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const updated = await mappings.update(UUID, {
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 2,
    });
    expect(updated).toMatchObject({
      State: 'Updating',
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    await expect(mappings.update(UUID, { MaximumBatchingWindowInSeconds: 0 })).rejects.toThrow(
      InvalidParameterValueError,
    );
    expect(mappings.get(UUID).MaximumBatchingWindowInSeconds).toBe(2);
  });

  it('moves a mapping to another alias of the function', async () => {
    createAlias(functions.get('orders'), { Name: 'canary', FunctionVersion: '1' });
    const { UUID } = await mappings.create({ FunctionName: 'orders:live', EventSourceArn: QUEUE });
    await mappings.update(UUID, { FunctionName: 'orders:canary' });
    expect(mappings.get(UUID).FunctionArn).toBe(`${FUNCTION_ARN}:canary`);
  });

  it('deletes a mapping, answering Deleting, and then no longer finds it', async () => {
    const { UUID } = await mappings.create({ FunctionName: 'orders', EventSourceArn: QUEUE });
    expect(mappings.delete(UUID).State).toBe('Deleting');
    expect(mappings.find(UUID)).toBeUndefined();
    expect(() => mappings.get(UUID)).toThrow(ResourceNotFoundError);
    expect(() => mappings.delete(UUID)).toThrow(ResourceNotFoundError);
    await expect(mappings.update(UUID, { Enabled: false })).rejects.toThrow(ResourceNotFoundError);
  });
});
