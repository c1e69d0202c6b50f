import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ModuleManifest } from '../../modules/kit/manifest-schema.ts';
import { deadLetterQueueName, queueName } from '../../modules/kit/resource-names.ts';

/** One of a module's queues with its dead-letter queue, as SQS holds them now. */
export interface DeadLetterQueue {
  /** The logical name in the manifest, e.g. `votes`. */
  queue: string;
  queueUrl: string;
  queueArn: string;
  deadLetterUrl: string;
  deadLetterArn: string;
  /** SQS's estimates: waiting, and received but not yet deleted. */
  waiting: number;
  inFlight: number;
}

/**
 * Every queue of the module and its dead-letter queue, by the kit's names
 * (`<prefix>-<module>-<queue>-dlq`), with how many dead letters each holds.
 *
 * @throws Error naming the queue and how to create it, when the stack or `turnout dev` has not
 */
export async function findDeadLetterQueues(
  manifest: Pick<ModuleManifest, 'name' | 'queues'>,
  { sqs, resourcePrefix }: { sqs: SQSClient; resourcePrefix: string },
): Promise<DeadLetterQueue[]> {
  return Promise.all(
    Object.entries(manifest.queues).map(async ([queue, { fifo }]) => {
      const source = await describe(sqs, queueName(manifest.name, queue, fifo, resourcePrefix));
      const dead = await describe(
        sqs,
        deadLetterQueueName(manifest.name, queue, fifo, resourcePrefix),
      );
      return {
        queue,
        queueUrl: source.url,
        queueArn: source.arn,
        deadLetterUrl: dead.url,
        deadLetterArn: dead.arn,
        waiting: dead.waiting,
        inFlight: dead.inFlight,
      };
    }),
  );
}

async function describe(sqs: SQSClient, name: string) {
  const url = await sqs.send(new GetQueueUrlCommand({ QueueName: name })).then(
    (found) => found.QueueUrl,
    () => undefined,
  );
  if (!url) {
    throw new Error(
      `There is no queue ${name}: deploy the module's stack (or start \`turnout dev\`) first.`,
    );
  }
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: [
        'QueueArn',
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
      ],
    }),
  );
  return {
    url,
    arn: Attributes.QueueArn ?? '',
    waiting: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}
