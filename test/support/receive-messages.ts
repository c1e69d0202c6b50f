import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * Takes what is on a queue (up to 10 messages, without waiting), as an event source
 * mapping would, in the shape `sqsEvent` (test/relay-test-kit.ts) takes back.
 */
export async function receiveMessages(
  sqs: SQSClient,
  queueUrl: string | undefined,
): Promise<{ messageId: string; body: string }[]> {
  const output = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
  );
  return (output.Messages ?? []).map((m) => ({
    messageId: m.MessageId as string,
    body: m.Body as string,
  }));
}
