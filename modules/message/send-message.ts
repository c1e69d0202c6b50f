import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { newMessageId } from './message-id.ts';
import type { Delivery, DriverMessage, SendMessageBody } from './message-schemas.ts';

export interface SendMessageOptions {
  documents: DynamoDBDocumentClient;
  sqs: SQSClient;
  messagesTable: string;
  deliveriesQueueUrl: string;
  nowMs: number;
  /** The verified caller's subject: who sent it, whatever `from` says. */
  sentBy: string;
}

/**
 * Stores the message as `queued`, then puts it on the deliveries queue. The store comes
 * first, so the consumer always finds what the queue names; if the send fails the
 * caller gets a 500 and the message stays `queued`, visible in the driver's list.
 */
export async function sendMessage(
  driverId: string,
  body: SendMessageBody,
  options: SendMessageOptions,
): Promise<DriverMessage> {
  const message: DriverMessage = {
    driverId,
    messageId: newMessageId(options.nowMs),
    text: body.text,
    from: body.from,
    sentBy: options.sentBy,
    status: 'queued',
    sentAt: new Date(options.nowMs).toISOString(),
  };
  await options.documents.send(
    new PutCommand({
      TableName: options.messagesTable,
      Item: message,
      // A fresh random id never exists; the condition makes a collision fail loudly.
      ConditionExpression: 'attribute_not_exists(messageId)',
    }),
  );
  const delivery: Delivery = { driverId, messageId: message.messageId };
  await options.sqs.send(
    new SendMessageCommand({
      QueueUrl: options.deliveriesQueueUrl,
      MessageBody: JSON.stringify(delivery),
    }),
  );
  return message;
}
