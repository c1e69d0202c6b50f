import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { describeModuleQueue, type QueueManifest } from '../modules/kit/index.ts';
import { capitalize } from './capitalize.ts';

export interface ModuleQueuesArgs {
  module: string;
  queues: Record<string, QueueManifest>;
  resourcePrefix: string;
}

export interface ModuleQueue {
  logicalName: string;
  manifest: QueueManifest;
  queue: aws.sqs.Queue;
  deadLetterQueue: aws.sqs.Queue;
}

/**
 * The module's SQS queues, each with a dead-letter queue that takes a message after
 * `maxReceiveCount` failed receives, so one poison message never blocks a consumer.
 *
 * @example
 * createModuleQueues({ module: 'ratings', queues: manifest.queues, resourcePrefix: 'turnout' }, { parent });
 */
export function createModuleQueues(
  args: ModuleQueuesArgs,
  opts: pulumi.CustomResourceOptions,
): ModuleQueue[] {
  return Object.entries(args.queues).map(([logicalName, manifest]) => {
    const id = capitalize(logicalName);
    const description = describeModuleQueue(
      args.module,
      logicalName,
      manifest,
      args.resourcePrefix,
    );
    const deadLetterQueue = new aws.sqs.Queue(
      `Queue${id}DeadLetter`,
      {
        name: description.deadLetter.name,
        fifoQueue: description.fifo,
        contentBasedDeduplication: description.contentBasedDeduplication,
        messageRetentionSeconds: description.deadLetter.retentionSeconds,
        sqsManagedSseEnabled: true,
      },
      opts,
    );
    const queue = new aws.sqs.Queue(
      `Queue${id}`,
      {
        name: description.name,
        fifoQueue: description.fifo,
        contentBasedDeduplication: description.contentBasedDeduplication,
        visibilityTimeoutSeconds: description.visibilityTimeoutSeconds,
        sqsManagedSseEnabled: true,
        redrivePolicy: deadLetterQueue.arn.apply(description.redrivePolicy),
      },
      opts,
    );
    return { logicalName, manifest, queue, deadLetterQueue };
  });
}
