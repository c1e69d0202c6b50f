import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface DeadLetter {
  messageId: string;
  body: string;
  /** When it was first sent, ISO 8601. */
  sentAt?: string;
  /** How many times it was received, the failures that sent it here among them. */
  receiveCount: number;
}

/**
 * Up to `max` (at most 10) dead letters of a dead-letter queue, left where they are: they
 * are received with a visibility timeout of 0, so they are visible again at once and
 * nothing is deleted.
 */
export async function peekDeadLetters(
  sqs: SQSClient,
  deadLetterUrl: string,
  max = 10,
): Promise<DeadLetter[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: deadLetterUrl,
      MaxNumberOfMessages: Math.min(10, Math.max(1, max)),
      VisibilityTimeout: 0,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
    }),
  );
  return Messages.map((message) => {
    const sent = message.Attributes?.SentTimestamp;
    return {
      messageId: message.MessageId ?? '',
      body: message.Body ?? '',
      ...(sent ? { sentAt: new Date(Number(sent)).toISOString() } : {}),
      receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    };
  });
}
