import type { APIGatewayProxyEventV2, Context as LambdaContext } from 'aws-lambda';
import { type Context, type Env, Hono, type Schema } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The JSON body of every error a REST module answers through the kit. */
export interface RestErrorBody {
  error: { code: string; message: string };
}

/** An API Gateway HTTP API (payload v2) result, as the adapter answers. */
export interface RestHandlerResult {
  statusCode: number;
  headers?: Record<string, string | string[]>;
  body: string;
  isBase64Encoded: boolean;
  cookies?: string[];
}

/** A REST module's Lambda entry (DESIGN.md, contract 2). */
export type RestHandler = (
  event: APIGatewayProxyEventV2,
  context?: LambdaContext,
) => Promise<RestHandlerResult>;

/**
 * Turns a Hono app into a REST module's Lambda handler for API Gateway HTTP API
 * payload v2 events (contract 2), so the same module runs behind the gateway and
 * behind a real API Gateway path mapping. Errors answer as JSON: a `BadRequestError`
 * (or any error with a 4xx `statusCode`) with its status, code and message; an
 * `HTTPException` with its status; anything else as a 500 that hides the details
 * (they go to the function's log). The app's own `onError`, if any, still comes first.
 *
 * @example
 * const app = new Hono().get('/message/:id', (c) => c.json({ id: c.req.param('id') }));
 * export const handler = createRestHandler(app);
 */
export function createRestHandler<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
): RestHandler {
  const root = new Hono();
  root.route('/', app);
  root.onError(answerError);
  root.notFound((c) =>
    c.json(errorBody('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`), 404),
  );
  const lambdaHandler = handle(root);
  // hono's event types are narrower than aws-lambda's (e.g. `body: string | null`);
  // the adapter reads the same fields, so the standard type is the honest contract.
  return (event, context) =>
    lambdaHandler(event as unknown as LambdaEvent, context as never) as Promise<RestHandlerResult>;
}

function answerError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) {
    return c.json(
      errorBody(`HTTP_${error.status}`, error.message || 'Request failed.'),
      error.status,
    );
  }
  const status = clientErrorStatus(error);
  if (status) return c.json(errorBody(errorCode(error) ?? 'BAD_REQUEST', error.message), status);
  console.error('Unhandled error in the REST module', error);
  return c.json(
    errorBody(
      'INTERNAL_SERVER_ERROR',
      'The module failed to handle the request; its log has the details.',
    ),
    500,
  );
}

function clientErrorStatus(error: Error): ContentfulStatusCode | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500
    ? (status as ContentfulStatusCode)
    : undefined;
}

function errorCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function errorBody(code: string, message: string): RestErrorBody {
  return { error: { code, message } };
}
