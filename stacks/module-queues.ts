import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { deadLetterQueueName, type QueueManifest, queueName } from '../modules/kit/index.ts';
import { capitalize } from './capitalize.ts';

export interface ModuleQueuesArgs {
  module: string;
  queues: Record<string, QueueManifest>;
  prefix: string;
}

export interface ModuleQueue {
  logicalName: string;
  manifest: QueueManifest;
  queue: aws.sqs.Queue;
  deadLetterQueue: aws.sqs.Queue;
}

/** The longest SQS keeps a message: time to look at what failed. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/**
 * The module's SQS queues, each with a dead-letter queue that takes a message after
 * `maxReceiveCount` failed receives, so one poison message never blocks a consumer.
 *
 * @example
 * createModuleQueues({ module: 'ratings', queues: manifest.queues, prefix: 'turnout' }, { parent });
 */
export function createModuleQueues(
  args: ModuleQueuesArgs,
  opts: pulumi.CustomResourceOptions,
): ModuleQueue[] {
  return Object.entries(args.queues).map(([logicalName, manifest]) => {
    const id = capitalize(logicalName);
    const deadLetterQueue = new aws.sqs.Queue(
      `Queue${id}DeadLetter`,
      {
        name: deadLetterQueueName(args.module, logicalName, manifest.fifo, args.prefix),
        fifoQueue: manifest.fifo,
        messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
        sqsManagedSseEnabled: true,
      },
      opts,
    );
    const queue = new aws.sqs.Queue(
      `Queue${id}`,
      {
        name: queueName(args.module, logicalName, manifest.fifo, args.prefix),
        fifoQueue: manifest.fifo,
        visibilityTimeoutSeconds: manifest.visibilityTimeoutSeconds,
        sqsManagedSseEnabled: true,
        redrivePolicy: deadLetterQueue.arn.apply((deadLetterTargetArn) =>
          JSON.stringify({ deadLetterTargetArn, maxReceiveCount: manifest.maxReceiveCount }),
        ),
      },
      opts,
    );
    return { logicalName, manifest, queue, deadLetterQueue };
  });
}
