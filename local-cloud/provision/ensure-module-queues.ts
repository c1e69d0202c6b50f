import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  describeModuleQueue,
  type ModuleManifest,
  type ModuleQueueDescription,
} from '../../modules/kit/index.ts';

export interface ProvisionedQueue {
  url: string;
  arn: string;
  deadLetterUrl: string;
  deadLetterArn: string;
}

/**
 * Creates each of the module's queues with its dead-letter queue and redrive policy.
 * CreateQueue is idempotent for identical attributes, so a second run changes nothing.
 */
export async function ensureModuleQueues(
  manifest: ModuleManifest,
  sqs: SQSClient,
): Promise<Record<string, ProvisionedQueue>> {
  const queues: Record<string, ProvisionedQueue> = {};
  for (const [logical, queue] of Object.entries(manifest.queues)) {
    const description = describeModuleQueue(manifest.name, logical, queue);
    queues[logical] = await ensureQueueWithDeadLetter(sqs, description);
  }
  return queues;
}

async function ensureQueueWithDeadLetter(
  sqs: SQSClient,
  queue: ModuleQueueDescription,
): Promise<ProvisionedQueue> {
  const fifoAttributes: Record<string, string> = queue.fifo
    ? { FifoQueue: 'true', ContentBasedDeduplication: String(queue.contentBasedDeduplication) }
    : {};
  const deadLetter = await createQueue(sqs, queue.deadLetter.name, {
    ...fifoAttributes,
    MessageRetentionPeriod: String(queue.deadLetter.retentionSeconds),
  });
  const main = await createQueue(sqs, queue.name, {
    ...fifoAttributes,
    VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
    RedrivePolicy: queue.redrivePolicy(deadLetter.arn),
  });
  return {
    url: main.url,
    arn: main.arn,
    deadLetterUrl: deadLetter.url,
    deadLetterArn: deadLetter.arn,
  };
}

async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string>) {
  const created = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  const url = created.QueueUrl;
  if (!url) throw new Error(`SQS created queue ${name} but returned no URL`);
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`SQS returned no ARN for queue ${name}`);
  return { url, arn };
}
