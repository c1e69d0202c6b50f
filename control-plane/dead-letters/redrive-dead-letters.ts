import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { RedriveRecord } from '../../contracts/deployment-record.ts';
import { currentUser } from '../deploy/current-user.ts';
import type { DeploymentStore } from '../deploy/deployment-store.ts';
import type { DeadLetterQueue } from './find-dead-letter-queues.ts';

export interface RedriveOptions {
  sqs: SQSClient;
  store: Pick<DeploymentStore, 'recordRedrive'>;
  module: string;
  target: string;
  reason?: string;
  /** Told each time the task's progress is read. */
  onProgress?: (task: ListMessageMoveTasksResultEntry) => void;
  /** How often to ask ListMessageMoveTasks. @default 500 */
  pollMs?: number;
}

export interface RedriveResult {
  record: Omit<RedriveRecord, 'pk' | 'sk'>;
  /** The task as SQS last described it: COMPLETED, FAILED or CANCELLED. */
  task: ListMessageMoveTasksResultEntry;
}

/**
 * Moves a queue's dead letters back to the queue with SQS's StartMessageMoveTask (no
 * destination: each goes back to where it came from), records who did it and when in the
 * deployments table before waiting, then follows ListMessageMoveTasks until the task ends.
 * The task runs in SQS: a Ctrl-C stops only the watching.
 *
 * @example
 * await redriveDeadLetters(votes, { sqs, store, module: 'ratings', target: 'local' });
 */
export async function redriveDeadLetters(
  queue: DeadLetterQueue,
  options: RedriveOptions,
): Promise<RedriveResult> {
  const { TaskHandle } = await options.sqs.send(
    new StartMessageMoveTaskCommand({ SourceArn: queue.deadLetterArn }),
  );
  const record = {
    id: randomUUID(),
    module: options.module,
    target: options.target,
    queue: queue.queue,
    from: queue.deadLetterArn,
    to: queue.queueArn,
    messages: queue.waiting + queue.inFlight,
    taskHandle: TaskHandle ?? '',
    by: currentUser(),
    ...(options.reason ? { reason: options.reason } : {}),
    at: new Date().toISOString(),
  };
  await options.store.recordRedrive(record);
  for (;;) {
    const { Results = [] } = await options.sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: queue.deadLetterArn, MaxResults: 10 }),
    );
    const task = Results.find((t) => t.TaskHandle === TaskHandle) ?? Results[0];
    if (task) options.onProgress?.(task);
    if (task && task.Status !== 'RUNNING' && task.Status !== 'CANCELLING') {
      return { record, task };
    }
    await sleep(options.pollMs ?? 500);
  }
}
