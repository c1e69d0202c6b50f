import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** SQS's statuses of a message move task. */
export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

interface MoveTask {
  TaskHandle: string;
  Status: MoveTaskStatus;
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove: number;
  FailureReason?: string;
  StartedTimestamp: number;
}

/** An SQS error as the JSON protocol carries it. */
export class SqsActionError extends Error {
  override readonly name = 'SqsActionError';

  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

export interface MessageMoves {
  /** Answers one of the three actions, or undefined for any other (fauxqs answers it). */
  handle(action: string, body: Record<string, unknown>): Promise<object> | undefined;
  /** Stops every running task (the local cloud is stopping). */
  stop(): void;
}

/**
 * SQS's dead-letter redrive (StartMessageMoveTask, ListMessageMoveTasks,
 * CancelMessageMoveTask) in front of fauxqs, which has none of them. We write it because no
 * package does: each task receives from the dead-letter queue, sends each message (body and
 * attributes) to the destination, and deletes it from the source, through ordinary SQS calls
 * on `sqs` (fauxqs itself), so what fauxqs does with the messages stays fauxqs's.
 *
 * As in SQS: the source must be some queue's dead-letter queue; without `DestinationArn`
 * the messages go back to that queue (SQS remembers each message's own source; here a
 * dead-letter queue with several sources needs `DestinationArn`); one running task per
 * source; List answers the newest tasks first.
 */
export function createMessageMoves(sqs: SQSClient): MessageMoves {
  const tasks: MoveTask[] = [];
  const running = new Map<string, AbortController>();

  async function start(body: Record<string, unknown>): Promise<object> {
    const sourceArn = requiredArn(body.SourceArn, 'SourceArn');
    const rate = readRate(body.MaxNumberOfMessagesPerSecond);
    if (tasks.some((t) => t.SourceArn === sourceArn && t.Status === 'RUNNING')) {
      throw new SqsActionError(
        'UnsupportedOperation',
        `A message move task is already running on ${sourceArn}: only one per queue at a time.`,
      );
    }
    const sourceUrl = await queueUrlOf(sqs, sourceArn);
    const destinationArn =
      body.DestinationArn === undefined
        ? await theOneSourceOf(sqs, sourceArn)
        : requiredArn(body.DestinationArn, 'DestinationArn');
    const destinationUrl = await queueUrlOf(sqs, destinationArn);
    const task: MoveTask = {
      TaskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn })).toString(
        'base64',
      ),
      Status: 'RUNNING',
      SourceArn: sourceArn,
      ...(body.DestinationArn === undefined ? {} : { DestinationArn: destinationArn }),
      ...(rate === undefined ? {} : { MaxNumberOfMessagesPerSecond: rate }),
      ApproximateNumberOfMessagesMoved: 0,
      ApproximateNumberOfMessagesToMove: await countMessages(sqs, sourceUrl),
      StartedTimestamp: Date.now(),
    };
    tasks.unshift(task);
    const abort = new AbortController();
    running.set(task.TaskHandle, abort);
    void moveAll(sqs, task, { sourceUrl, destinationUrl }, abort.signal)
      .then(() => {
        task.Status = abort.signal.aborted ? 'CANCELLED' : 'COMPLETED';
      })
      .catch((error: unknown) => {
        task.Status = 'FAILED';
        task.FailureReason = error instanceof Error ? error.message : String(error);
      })
      .finally(() => running.delete(task.TaskHandle));
    return { TaskHandle: task.TaskHandle };
  }

  async function list(body: Record<string, unknown>): Promise<object> {
    const sourceArn = requiredArn(body.SourceArn, 'SourceArn');
    await queueUrlOf(sqs, sourceArn);
    const max = body.MaxResults === undefined ? 1 : Number(body.MaxResults);
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw new SqsActionError(
        'InvalidParameterValue',
        'MaxResults is a whole number from 1 to 10.',
      );
    }
    const results = tasks.filter((t) => t.SourceArn === sourceArn).slice(0, max);
    return { Results: results.map((t) => ({ ...t })) };
  }

  async function cancel(body: Record<string, unknown>): Promise<object> {
    const task = tasks.find((t) => t.TaskHandle === body.TaskHandle);
    const abort = task && running.get(task.TaskHandle);
    if (!task || !abort) {
      throw new SqsActionError(
        'ResourceNotFoundException',
        'No running message move task has that TaskHandle.',
      );
    }
    task.Status = 'CANCELLING';
    abort.abort();
    return { ApproximateNumberOfMessagesMoved: task.ApproximateNumberOfMessagesMoved };
  }

  const actions: Record<string, (body: Record<string, unknown>) => Promise<object>> = {
    StartMessageMoveTask: start,
    ListMessageMoveTasks: list,
    CancelMessageMoveTask: cancel,
  };
  return {
    handle: (action, body) => actions[action]?.(body),
    stop() {
      for (const abort of running.values()) abort.abort();
    },
  };
}

/** Receive, send, delete, ten at a time, until the source shows no message. */
async function moveAll(
  sqs: SQSClient,
  task: MoveTask,
  queues: { sourceUrl: string; destinationUrl: string },
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    const started = Date.now();
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queues.sourceUrl,
        MaxNumberOfMessages: Math.min(10, task.MaxNumberOfMessagesPerSecond ?? 10),
        VisibilityTimeout: 30,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return;
    const entries = Messages.map((message, index) => ({ id: String(index), message }));
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queues.destinationUrl,
        Entries: entries.map(({ id, message }) => ({
          Id: id,
          MessageBody: message.Body ?? '',
          ...(message.MessageAttributes ? { MessageAttributes: message.MessageAttributes } : {}),
        })),
      }),
    );
    // Only what arrived leaves the source; the rest stays there, visible again after 30 s.
    const arrived = new Set((sent.Successful ?? []).map((entry) => entry.Id));
    const done = entries.filter(({ id }) => arrived.has(id));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queues.sourceUrl,
          Entries: done.map(({ id, message }) => ({
            Id: id,
            ReceiptHandle: message.ReceiptHandle ?? '',
          })),
        }),
      );
    }
    task.ApproximateNumberOfMessagesMoved += done.length;
    if (sent.Failed?.length) {
      throw new Error(
        `${sent.Failed.length} messages could not be sent: ${sent.Failed[0]?.Message}`,
      );
    }
    if (task.MaxNumberOfMessagesPerSecond) {
      const spacing = (1000 * Messages.length) / task.MaxNumberOfMessagesPerSecond;
      await sleep(Math.max(0, spacing - (Date.now() - started)));
    }
  }
}

function requiredArn(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:[\w.-]+$/.test(value)) {
    throw new SqsActionError(
      'InvalidParameterValue',
      `${field} must be an SQS queue ARN, e.g. arn:aws:sqs:us-east-1:000000000000:my-queue-dlq.`,
    );
  }
  return value;
}

function readRate(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 500) {
    throw new SqsActionError(
      'InvalidParameterValue',
      'MaxNumberOfMessagesPerSecond is a whole number from 1 to 500.',
    );
  }
  return value;
}

async function queueUrlOf(sqs: SQSClient, arn: string): Promise<string> {
  const name = arn.slice(arn.lastIndexOf(':') + 1);
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (QueueUrl) return QueueUrl;
  } catch {
    // Answered below: the queue is not there.
  }
  throw new SqsActionError('ResourceNotFoundException', `There is no queue ${arn}.`);
}

/** The queue whose redrive policy names `dlqArn`, when exactly one does. */
async function theOneSourceOf(sqs: SQSClient, dlqArn: string): Promise<string> {
  const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
  const sources: string[] = [];
  for (const url of QueueUrls) {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['QueueArn', 'RedrivePolicy'],
      }),
    );
    const policy = Attributes.RedrivePolicy ? JSON.parse(Attributes.RedrivePolicy) : undefined;
    if (policy?.deadLetterTargetArn === dlqArn && Attributes.QueueArn) {
      sources.push(Attributes.QueueArn);
    }
  }
  if (sources.length === 1) return sources[0] as string;
  throw new SqsActionError(
    'InvalidParameterValue',
    sources.length === 0
      ? `Source queue ${dlqArn} must be configured as a dead-letter queue of another queue.`
      : `${dlqArn} is the dead-letter queue of ${sources.length} queues: give DestinationArn.`,
  );
}

async function countMessages(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}
