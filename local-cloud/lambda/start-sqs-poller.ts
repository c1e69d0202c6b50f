import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  type Message,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { buildSqsEvent } from './build-sqs-event.ts';
import { TooManyRequestsError } from './errors.ts';
import type { Invoke } from './invoke.ts';
import { parseSqsArn } from './parse-sqs-arn.ts';
import { pickMessagesToDelete } from './pick-messages-to-delete.ts';
import { resolveSqsQueue } from './resolve-sqs-queue.ts';
import type { EventSourceMappingConfiguration } from './types.ts';

export interface SqsPollerOptions {
  /** The mapping as it stands now, or undefined once deleted; read every round. */
  mapping(): EventSourceMappingConfiguration | undefined;
  sqs: SQSClient;
  invoke: Invoke;
  clock: { now(): number };
  /** Told about a problem once, until a round succeeds again; the poller keeps going. */
  onError(error: unknown): void;
  /** Loops receiving and invoking at once; `ScalingConfig.MaximumConcurrency` caps it. */
  concurrency: number;
  /** Long-poll wait of each ReceiveMessage: short, so stopping never waits long. */
  waitTimeSeconds: number;
  /** Pause after an error or a throttled invoke. */
  backoffMs: number;
}

export interface SqsPoller {
  /** Ends the loops now: in-flight receives are aborted, a running invoke is awaited. */
  stop(): Promise<void>;
  /** Settles when every loop has ended, stopped or because the mapping went away. */
  readonly done: Promise<void>;
}

/**
 * Lambda's SQS poller for one mapping: long-polls the queue, gathers a batch (within
 * the batching window when one is set), invokes the mapped function or alias with
 * Lambda's SQS event, and deletes what the function finished. Failed messages stay in
 * the queue: they return after the visibility timeout, and SQS's redrive policy moves
 * them to the dead-letter queue. An error is reported and retried after a pause.
 *
 * @example
 * const poller = startSqsPoller({ mapping: () => mappings.find(uuid), sqs, invoke, clock: Date,
 *   onError: console.error, concurrency: 2, waitTimeSeconds: 1, backoffMs: 1000 });
 * await poller.stop();
 */
export function startSqsPoller(options: SqsPollerOptions): SqsPoller {
  const controller = new AbortController();
  const { signal } = controller;
  const reporter = createProblemReporter(options.onError);
  let queueUrl: Promise<string> | undefined;

  const queueUrlFor = (arn: string): Promise<string> => {
    if (!queueUrl) {
      queueUrl = resolveSqsQueue(options.sqs, arn, signal).then((queue) => queue.url);
      // why: a failed lookup (the queue is not there yet) must be retried next round
      queueUrl.catch(() => {
        queueUrl = undefined;
      });
    }
    return queueUrl;
  };

  async function pollOnce(mapping: EventSourceMappingConfiguration): Promise<'busy' | 'pause'> {
    const url = await queueUrlFor(mapping.EventSourceArn);
    const messages = await receiveBatch(options, url, mapping, signal);
    if (messages.length === 0 || signal.aborted) return 'busy';
    // why: settings changed while the batch gathered (a new alias, new response types) apply now
    const current = options.mapping() ?? mapping;
    return deliverBatch(options, url, current, messages);
  }

  async function loop(): Promise<void> {
    while (!signal.aborted) {
      const mapping = options.mapping();
      if (mapping?.State !== 'Enabled') return;
      try {
        const next = await pollOnce(mapping);
        reporter.clear();
        if (next === 'pause') await pause(options.backoffMs, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof QueueDoesNotExist) queueUrl = undefined;
        reporter.report(error);
        await pause(options.backoffMs, signal);
      }
    }
  }

  const concurrency = Math.min(
    options.concurrency,
    options.mapping()?.ScalingConfig?.MaximumConcurrency ?? options.concurrency,
  );
  const done = Promise.all(Array.from({ length: concurrency }, loop)).then(() => undefined);
  return {
    done,
    stop() {
      controller.abort();
      return done;
    },
  };
}

/** One ReceiveMessage, then more until the batch is full or its window has passed. */
async function receiveBatch(
  options: SqsPollerOptions,
  url: string,
  mapping: EventSourceMappingConfiguration,
  signal: AbortSignal,
): Promise<Message[]> {
  const receive = (max: number, waitSeconds: number) =>
    receiveMessages(options.sqs, url, Math.min(10, max), waitSeconds, signal);
  const batch = await receive(mapping.BatchSize, options.waitTimeSeconds);
  const windowMs = mapping.MaximumBatchingWindowInSeconds * 1000;
  if (batch.length === 0 || windowMs === 0) return batch;
  const deadline = options.clock.now() + windowMs;
  while (batch.length < mapping.BatchSize && !signal.aborted) {
    const left = deadline - options.clock.now();
    if (left <= 0) break;
    const more = await receive(mapping.BatchSize - batch.length, left >= 1000 ? 1 : 0);
    batch.push(...more);
    if (more.length === 0 && left < 1000) await pause(Math.min(left, 50), signal);
  }
  return batch;
}

async function receiveMessages(
  sqs: SQSClient,
  url: string,
  max: number,
  waitSeconds: number,
  abortSignal: AbortSignal,
): Promise<Message[]> {
  const received = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: waitSeconds,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
    { abortSignal },
  );
  return received.Messages ?? [];
}

/** Invokes the function with the batch and deletes what it finished. */
async function deliverBatch(
  options: SqsPollerOptions,
  url: string,
  mapping: EventSourceMappingConfiguration,
  messages: Message[],
): Promise<'busy' | 'pause'> {
  const awsRegion = parseSqsArn(mapping.EventSourceArn).region;
  const event = buildSqsEvent(messages, { eventSourceArn: mapping.EventSourceArn, awsRegion });
  let result: Awaited<ReturnType<Invoke>>;
  try {
    result = await options.invoke({
      functionName: mapping.FunctionArn,
      payload: JSON.stringify(event),
    });
  } catch (error) {
    // why: throttled messages stay in the queue and come back after the visibility timeout
    if (error instanceof TooManyRequestsError) return 'pause';
    throw error;
  }
  const done = pickMessagesToDelete(messages, result, {
    reportBatchItemFailures: mapping.FunctionResponseTypes.includes('ReportBatchItemFailures'),
  });
  await deleteMessages(options.sqs, url, done);
  return 'busy';
}

async function deleteMessages(sqs: SQSClient, url: string, messages: Message[]): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    const chunk = messages.slice(start, start + 10);
    const { Failed = [] } = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: chunk.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
    if (Failed.length > 0) {
      throw new Error(
        `SQS did not delete ${Failed.length} processed messages: ${Failed[0]?.Message}`,
      );
    }
  }
}

/** Waits `ms`, or less when the poller stops. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}

/** Reports a problem once while it lasts, so a missing queue logs one line, not one a second. */
function createProblemReporter(onError: (error: unknown) => void) {
  let last: string | undefined;
  return {
    report(error: unknown) {
      const key = String((error as Error)?.message ?? error);
      if (key !== last) onError(error);
      last = key;
    },
    clear() {
      last = undefined;
    },
  };
}
