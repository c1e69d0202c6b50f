import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { InvalidParameterValueError } from './errors.ts';
import { parseSqsArn } from './parse-sqs-arn.ts';

export interface ResolvedQueue {
  url: string;
  visibilityTimeoutSeconds: number;
}

/**
 * Finds the queue an event source ARN names, as Lambda's pollers do: by its name
 * (GetQueueUrl), then its visibility timeout. A missing queue is a bad parameter of
 * the mapping, so it fails with InvalidParameterValueError.
 *
 * @example
 * const { url } = await resolveSqsQueue(sqs, 'arn:aws:sqs:us-east-1:000000000000:jobs');
 */
export async function resolveSqsQueue(
  sqs: SQSClient,
  eventSourceArn: string,
  abortSignal?: AbortSignal,
): Promise<ResolvedQueue> {
  const { queueName } = parseSqsArn(eventSourceArn);
  try {
    const { QueueUrl: url } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }), {
      abortSignal,
    });
    if (!url) throw new Error(`SQS returned no URL for queue ${queueName}`);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }),
      { abortSignal },
    );
    return { url, visibilityTimeoutSeconds: Number(Attributes?.VisibilityTimeout ?? 30) };
  } catch (error) {
    if (!(error instanceof QueueDoesNotExist)) throw error;
    throw new InvalidParameterValueError(
      `The queue ${eventSourceArn} does not exist: create it before mapping it to a function`,
    );
  }
}
