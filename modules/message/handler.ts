import type { APIGatewayProxyEventV2, Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import {
  createIdempotencyStore,
  createModuleClients,
  createRestHandler,
  isSqsEvent,
  moduleResources,
  type RestHandlerResult,
} from '../kit/index.ts';
import { createMessageApp } from './create-message-app.ts';
import { deliverMessages } from './deliver-messages.ts';
import manifest from './module.ts';

// Defaults at the edge: the kit builds the SDK clients from the environment and finds the
// physical names in TURNOUT_TABLE_* / TURNOUT_QUEUE_*.
const { documents, sqs } = createModuleClients();
const { tables, queues } = moduleResources(manifest, { documents, sqs });
const messagesTable = tables.messages.name;

const restHandler = createRestHandler(
  createMessageApp({
    documents,
    sqs,
    tables: { messages: messagesTable },
    queues: { deliveries: queues.deliveries.url },
    idempotency: createIdempotencyStore({ documents, tableName: tables.idempotency.name }),
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
