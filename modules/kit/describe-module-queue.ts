import type { QueueManifest } from './manifest-schema.ts';
import { DEFAULT_RESOURCE_PREFIX, deadLetterQueueName, queueName } from './resource-names.ts';

/** The longest SQS keeps a message: time to look at what failed. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/**
 * A module queue and its dead-letter queue, as both the local provisioner and the
 * stacks create them: each maps it to its own API (SQS attributes, Pulumi queue args).
 */
export interface ModuleQueueDescription {
  /** The physical name (see resource-names.ts). */
  name: string;
  fifo: boolean;
  /**
   * A FIFO queue drops a repeat of a body sent within five minutes when its sender
   * gives no deduplication id, as `send()` of the kit allows; without it SQS refuses
   * such a send. Always false for a standard queue, which has no deduplication.
   */
  contentBasedDeduplication: boolean;
  visibilityTimeoutSeconds: number;
  deadLetter: { name: string; retentionSeconds: number };
  /** The queue's redrive policy, once its dead-letter queue exists and has an ARN. */
  redrivePolicy: (deadLetterArn: string) => string;
}

/**
 * Derives the queue a manifest declares: a message moves to the dead-letter queue after
 * `maxReceiveCount` failed receives, so one poison message never blocks a consumer.
 *
 * @example
 * describeModuleQueue('ratings', 'votes', manifest.queues.votes);
 * // { name: 'turnout-ratings-votes', deadLetter: { name: 'turnout-ratings-votes-dlq', ... }, ... }
 */
export function describeModuleQueue(
  module: string,
  logicalName: string,
  queue: QueueManifest,
  prefix = DEFAULT_RESOURCE_PREFIX,
): ModuleQueueDescription {
  return {
    name: queueName(module, logicalName, queue.fifo, prefix),
    fifo: queue.fifo,
    contentBasedDeduplication: queue.fifo,
    visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds,
    deadLetter: {
      name: deadLetterQueueName(module, logicalName, queue.fifo, prefix),
      retentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
    },
    redrivePolicy: (deadLetterTargetArn) =>
      JSON.stringify({ deadLetterTargetArn, maxReceiveCount: queue.maxReceiveCount }),
  };
}
