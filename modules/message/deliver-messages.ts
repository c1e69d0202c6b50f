import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { MalformedDeliveryError } from './errors.ts';
import { type Delivery, deliveryBodySchema } from './message-schemas.ts';

export interface DeliverMessagesOptions {
  documents: DynamoDBDocumentClient;
  messagesTable: string;
  clock: { now(): number };
}

/** What became of one queue record. */
export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'not-found';

/**
 * The deliveries queue's consumer: marks each message `delivered`. A record that fails
 * is reported in `batchItemFailures`, so SQS retries only that one (and moves it to the
 * dead-letter queue after its receive limit) while the rest of the batch is done.
 */
export async function deliverMessages(
  event: SQSEvent,
  options: DeliverMessagesOptions,
): Promise<SQSBatchResponse> {
  const results = await Promise.allSettled(
    event.Records.map((record) => deliverRecord(record, options)),
  );
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') return;
    const record = event.Records[index] as SQSRecord;
    console.error('Message delivery failed', { messageId: record.messageId }, result.reason);
    batchItemFailures.push({ itemIdentifier: record.messageId });
  });
  return { batchItemFailures };
}

async function deliverRecord(
  record: SQSRecord,
  options: DeliverMessagesOptions,
): Promise<DeliveryOutcome> {
  return markDelivered(parseDelivery(record), options);
}

function parseDelivery(record: SQSRecord): Delivery {
  try {
    return deliveryBodySchema.parse(JSON.parse(record.body));
  } catch (error) {
    throw new MalformedDeliveryError(
      `Queue message ${record.messageId} is not a delivery: expected JSON { driverId, messageId }.`,
      { cause: error },
    );
  }
}

/**
 * Moves the message from `queued` to `delivered`, once: SQS delivers at least once, and
 * a repeat finds the status already moved, fails the condition and changes nothing.
 * The condition also keeps a delivery from creating a message that is not stored.
 */
export async function markDelivered(
  delivery: Delivery,
  options: DeliverMessagesOptions,
): Promise<DeliveryOutcome> {
  try {
    await options.documents.send(
      new UpdateCommand({
        TableName: options.messagesTable,
        Key: { driverId: delivery.driverId, messageId: delivery.messageId },
        UpdateExpression: 'SET #status = :delivered, deliveredAt = :now',
        ConditionExpression: '#status = :queued',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':delivered': 'delivered',
          ':queued': 'queued',
          ':now': new Date(options.clock.now()).toISOString(),
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'delivered';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Nothing to retry: either done before, or the message is gone (say so in the log).
    if (error.Item) return 'already-delivered';
    console.warn('A delivery names a message that is not stored', delivery);
    return 'not-found';
  }
}
