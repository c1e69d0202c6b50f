import { InvalidParameterValueError } from './errors.ts';

export interface SqsQueueRef {
  region: string;
  accountId: string;
  queueName: string;
  fifo: boolean;
}

/**
 * Reads an SQS queue ARN (`arn:aws:sqs:<region>:<account>:<name>`). Any other ARN is
 * refused: SQS is the one event source the local Lambda polls.
 *
 * @example
 * parseSqsArn('arn:aws:sqs:us-east-1:000000000000:jobs.fifo') // { queueName: 'jobs.fifo', fifo: true, ... }
 */
export function parseSqsArn(arn: string): SqsQueueRef {
  const match = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/.exec(
    arn ?? '',
  );
  if (!match) {
    throw new InvalidParameterValueError(
      `Unsupported event source ${arn}: the local Lambda polls SQS queues only; give EventSourceArn as arn:aws:sqs:<region>:<account>:<queue-name>`,
    );
  }
  const [, region, accountId, queueName] = match as unknown as [string, string, string, string];
  return { region, accountId, queueName, fifo: queueName.endsWith('.fifo') };
}
