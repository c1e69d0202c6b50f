import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { readInput, readJsonBody, useRestErrors } from '../kit/index.ts';
import { listMessages } from './list-messages.ts';
import {
  driverParamsSchema,
  listMessagesQuerySchema,
  sendMessageBodySchema,
} from './message-schemas.ts';
import { sendMessage } from './send-message.ts';

export interface MessageAppOptions {
  documents: DynamoDBDocumentClient;
  sqs: SQSClient;
  /** Physical table names by logical name (module.ts). */
  tables: { messages: string };
  /** Queue URLs by logical name (module.ts). */
  queues: { deliveries: string };
  /** Epoch milliseconds. @default Date */
  clock?: { now(): number };
}

/**
 * The message module's REST API under `/message`.
 *
 * @example
 * const app = createMessageApp({ documents, sqs, tables: { messages }, queues: { deliveries } });
 * await app.request('/message/drivers/D-1/messages?limit=10');
 */
export function createMessageApp(options: MessageAppOptions): Hono {
  const { documents, sqs } = options;
  const clock = options.clock ?? Date;
  const app = useRestErrors(new Hono());

  app.post('/message/drivers/:driverId/messages', async (c) => {
    const { driverId } = readInput(driverParamsSchema, c.req.param(), 'path');
    const body = await readJsonBody(c, sendMessageBodySchema);
    const message = await sendMessage(driverId, body, {
      documents,
      sqs,
      messagesTable: options.tables.messages,
      deliveriesQueueUrl: options.queues.deliveries,
      nowMs: clock.now(),
    });
    return c.json({ message }, 202);
  });

  app.get('/message/drivers/:driverId/messages', async (c) => {
    const { driverId } = readInput(driverParamsSchema, c.req.param(), 'path');
    const query = readInput(listMessagesQuerySchema, c.req.query(), 'query');
    const page = await listMessages(driverId, {
      documents,
      messagesTable: options.tables.messages,
      limit: query.limit,
      cursor: query.cursor,
    });
    return c.json(page);
  });

  return app;
}
