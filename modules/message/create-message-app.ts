import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import {
  type IdempotencyStore,
  idempotentWrites,
  readInput,
  readJsonBody,
  requireIdentity,
  restIdentity,
  useRestErrors,
} from '../kit/index.ts';
import { listMessages } from './list-messages.ts';
import { checkMayRead, READ_SCOPES, SEND_SCOPES } from './message-access.ts';
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
  /** Makes sending idempotent per Idempotency-Key; without it every request runs. */
  idempotency?: IdempotencyStore;
}

/**
 * The message module's REST API under `/message`. A driver reads only their own
 * messages (dispatch reads anyone's); a message records who sent it (`sentBy`, the
 * caller's subject). A send retried with the same Idempotency-Key is stored and
 * delivered once.
 *
 * @example
 * const app = createMessageApp({ documents, sqs, tables: { messages }, queues: { deliveries } });
 * await app.request('/message/drivers/D-1/messages?limit=10');
 */
export function createMessageApp(options: MessageAppOptions): Hono {
  const { documents, sqs } = options;
  const clock = options.clock ?? Date;
  const app = useRestErrors(new Hono());
  if (options.idempotency) app.use(idempotentWrites(options.idempotency));

  app.post('/message/drivers/:driverId/messages', async (c) => {
    const caller = requireIdentity(restIdentity(c), 'Sending a message', { scopes: SEND_SCOPES });
    const { driverId } = readInput(driverParamsSchema, c.req.param(), 'path');
    const body = await readJsonBody(c, sendMessageBodySchema);
    const message = await sendMessage(driverId, body, {
      sentBy: caller.sub,
      documents,
      sqs,
      messagesTable: options.tables.messages,
      deliveriesQueueUrl: options.queues.deliveries,
      nowMs: clock.now(),
    });
    return c.json({ message }, 202);
  });

  app.get('/message/drivers/:driverId/messages', async (c) => {
    const caller = requireIdentity(restIdentity(c), 'Reading messages', { scopes: READ_SCOPES });
    const { driverId } = readInput(driverParamsSchema, c.req.param(), 'path');
    checkMayRead(caller, driverId);
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
