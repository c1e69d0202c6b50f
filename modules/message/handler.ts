import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createRestHandler, moduleResources, type RestHandlerResult } from '../kit/index.ts';
import { createMessageApp } from './create-message-app.ts';
import { deliverMessages } from './deliver-messages.ts';
import manifest from './module.ts';

// Defaults at the edge: the SDK finds Region, credentials and (locally) endpoints in
// the environment; the kit finds the physical names in TURNOUT_TABLE_* / TURNOUT_QUEUE_*.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
// The module's queue is in the function's own Region, so the regional endpoint (or
// AWS_ENDPOINT_URL_SQS, locally) is right; by default the SDK would send to the queue
// URL's host instead, which the local SQS does not serve.
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const { tables, queues } = moduleResources(manifest, { documents, sqs });
const messagesTable = tables.messages.name;

const restHandler = createRestHandler(
  createMessageApp({
    documents,
    sqs,
    tables: { messages: messagesTable },
    queues: { deliveries: queues.deliveries.url },
  }),
);

/**
 * The message module's one Lambda entry. The gateway (or an API Gateway path mapping)
 * calls it with HTTP API v2 events; the deliveries queue's event source mapping calls
 * it with SQS events. The event's shape says which.
 */
export async function handler(
  event: APIGatewayProxyEventV2 | SQSEvent,
  context?: Context,
): Promise<RestHandlerResult | SQSBatchResponse> {
  if (isSqsEvent(event)) return deliverMessages(event, { documents, messagesTable, clock: Date });
  return restHandler(event, context);
}

/** An SQS batch, as an event source mapping sends it. */
export function isSqsEvent(event: unknown): event is SQSEvent {
  const records = (event as { Records?: unknown }).Records;
  return (
    Array.isArray(records) &&
    records.length > 0 &&
    records.every((record) => (record as { eventSource?: unknown })?.eventSource === 'aws:sqs')
  );
}
