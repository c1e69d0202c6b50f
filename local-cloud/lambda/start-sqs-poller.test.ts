import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { TooManyRequestsError } from './errors.ts';
import type { Invoke, InvokeInput } from './invoke.ts';
import { type SqsPoller, startSqsPoller } from './start-sqs-poller.ts';
import type { EventSourceMappingConfiguration } from './types.ts';

const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:000000000000:jobs';

/** An SQS stand-in with just what a poller calls: messages wait in `visible` until received. */
function fakeSqs(options: { failReceives?: number } = {}) {
  const visible: Message[] = [];
  const deleted: string[] = [];
  let failReceives = options.failReceives ?? 0;
  let receives = 0;
  let abortedReceives = 0;
  const send = async (command: unknown, { abortSignal }: { abortSignal?: AbortSignal } = {}) => {
    if (command instanceof GetQueueUrlCommand) return { QueueUrl: 'http://sqs/jobs' };
    if (command instanceof GetQueueAttributesCommand) return { Attributes: {} };
    if (command instanceof DeleteMessageBatchCommand) {
      for (const entry of command.input.Entries ?? []) deleted.push(entry.ReceiptHandle ?? '');
      return { Successful: [], Failed: [] };
    }
    if (command instanceof ReceiveMessageCommand) {
      receives += 1;
      if (failReceives > 0) {
        failReceives -= 1;
        throw new Error('connection refused');
      }
      const { MaxNumberOfMessages = 1, WaitTimeSeconds = 0 } = command.input;
      return { Messages: await nextMessages(MaxNumberOfMessages, WaitTimeSeconds, abortSignal) };
    }
    throw new Error(`unexpected command ${String(command)}`);
  };
  /** Waits like a long poll: until messages arrive, the wait is over, or the receive is aborted. */
  async function nextMessages(max: number, waitSeconds: number, signal?: AbortSignal) {
    const deadline = Date.now() + waitSeconds * 1000;
    while (visible.length === 0 && Date.now() < deadline) {
      if (signal?.aborted) {
        abortedReceives += 1;
        throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return visible.splice(0, max);
  }
  const add = (...ids: string[]) =>
    visible.push(...ids.map((id) => ({ MessageId: id, ReceiptHandle: `rh-${id}`, Body: id })));
  return {
    client: { send } as unknown as SQSClient,
    add,
    deleted,
    get receives() {
      return receives;
    },
    /** Receives that ended because the poller aborted them, not because their wait was over. */
    get abortedReceives() {
      return abortedReceives;
    },
  };
}

function mapping(overrides: Partial<EventSourceMappingConfiguration> = {}) {
  return {
    UUID: 'm-1',
    EventSourceMappingArn: 'arn:aws:lambda:eu-west-1:000000000000:event-source-mapping:m-1',
    EventSourceArn: QUEUE_ARN,
    FunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:orders:live',
    BatchSize: 10,
    MaximumBatchingWindowInSeconds: 0,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    LastModified: 0,
    State: 'Enabled',
    StateTransitionReason: 'USER_INITIATED',
    ...overrides,
  } satisfies EventSourceMappingConfiguration;
}

const pollers: SqsPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

function start(
  sqs: SQSClient,
  invoke: Invoke,
  config = mapping(),
  errors: unknown[] = [],
  waitTimeSeconds = 1,
) {
  const poller = startSqsPoller({
    mapping: () => config,
    sqs,
    invoke,
    clock: Date,
    onError: (error) => errors.push(error),
    concurrency: 1,
    waitTimeSeconds,
    backoffMs: 20,
  });
  pollers.push(poller);
  return poller;
}

const answering =
  (answer: (input: InvokeInput) => unknown, calls: InvokeInput[] = []): Invoke =>
  async (input) => {
    calls.push(input);
    return { statusCode: 200, executedVersion: '1', body: JSON.stringify(answer(input)) };
  };

const idsOf = (input: InvokeInput) =>
  (JSON.parse(String(input.payload)) as { Records: { messageId: string }[] }).Records.map(
    (record) => record.messageId,
  );

describe('startSqsPoller', () => {
  it('invokes the mapped alias with the batch and deletes all but the reported failures', async () => {
    const sqs = fakeSqs();
    const calls: InvokeInput[] = [];
    sqs.add('a', 'b', 'c');
    start(
      sqs.client,
      answering(() => ({ batchItemFailures: [{ itemIdentifier: 'b' }] }), calls),
    );
    await expect.poll(() => sqs.deleted).toEqual(['rh-a', 'rh-c']);
    expect(calls[0]?.functionName).toBe(mapping().FunctionArn);
    expect(idsOf(calls[0] as InvokeInput)).toEqual(['a', 'b', 'c']);
    expect(JSON.parse(String(calls[0]?.payload)).Records[0].awsRegion).toBe('eu-west-1');
  });

  it('deletes nothing when the function fails', async () => {
    const sqs = fakeSqs();
    sqs.add('a');
    let invoked = 0;
    start(sqs.client, async () => {
      invoked += 1;
      return { statusCode: 200, functionError: 'Unhandled', body: '{"errorType":"Error"}' };
    });
    await expect.poll(() => invoked).toBe(1);
    // The next receive starts once the failed batch has been dealt with (deletes included).
    await expect.poll(() => sqs.receives).toBeGreaterThanOrEqual(2);
    expect(sqs.deleted).toEqual([]);
  });

  it('leaves a throttled batch in the queue and keeps polling', async () => {
    const sqs = fakeSqs();
    sqs.add('a');
    let throttles = 0;
    start(sqs.client, async () => {
      throttles += 1;
      throw new TooManyRequestsError(
        'Rate Exceeded.',
        'ReservedFunctionConcurrentInvocationLimitExceeded',
      );
    });
    await expect.poll(() => throttles).toBe(1);
    sqs.add('b');
    await expect.poll(() => throttles).toBe(2);
    expect(sqs.deleted).toEqual([]);
  });

  it('reports a failing receive once and recovers when SQS answers again', async () => {
    const sqs = fakeSqs({ failReceives: 3 });
    const errors: unknown[] = [];
    sqs.add('a');
    start(
      sqs.client,
      answering(() => null),
      mapping(),
      errors,
    );
    await expect.poll(() => sqs.deleted).toEqual(['rh-a']);
    expect(errors).toHaveLength(1);
    expect(sqs.receives).toBeGreaterThanOrEqual(4);
  });

  it('gathers a batch over several receives within the batching window', async () => {
    const sqs = fakeSqs();
    const calls: InvokeInput[] = [];
    const config = mapping({ BatchSize: 15, MaximumBatchingWindowInSeconds: 1 });
    start(
      sqs.client,
      answering(() => null, calls),
      config,
    );
    sqs.add(...Array.from({ length: 12 }, (_, i) => `m${i}`));
    await expect.poll(() => calls.length, { timeout: 20_000 }).toBe(1);
    expect(idsOf(calls[0] as InvokeInput)).toHaveLength(12);
  });

  it('stops at once, aborting the receive in flight', async () => {
    const sqs = fakeSqs();
    // A long poll longer than the test may run: stop() must abort it, not wait it out.
    const poller = start(
      sqs.client,
      answering(() => null),
      mapping(),
      [],
      60,
    );
    await expect.poll(() => sqs.receives).toBe(1);
    await poller.stop();
    expect(sqs.abortedReceives).toBe(1);
  });

  it('ends by itself when its mapping is disabled', async () => {
    const sqs = fakeSqs();
    const config: EventSourceMappingConfiguration = mapping();
    const poller = start(
      sqs.client,
      answering(() => null),
      config,
    );
    config.State = 'Disabled';
    sqs.add('a');
    await poller.done;
    expect(sqs.deleted.length).toBeLessThanOrEqual(1);
  });
});
