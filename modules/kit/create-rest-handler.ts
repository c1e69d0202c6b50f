import type { APIGatewayProxyEventV2, Context as LambdaContext } from 'aws-lambda';
import { type Env, Hono, type Schema } from 'hono';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createRequestMetrics, type RequestMetrics } from './create-request-metrics.ts';
import { outcomeOfStatus } from './request-outcome.ts';
import { useRestErrors } from './use-rest-errors.ts';

/** An API Gateway HTTP API (payload v2) result, as the adapter answers. */
export interface RestHandlerResult {
  statusCode: number;
  headers?: Record<string, string | string[]>;
  body: string;
  isBase64Encoded: boolean;
  cookies?: string[];
}

/** A REST module's Lambda entry (docs/ARCHITECTURE.md, contract 2). */
export type RestHandler = (
  event: APIGatewayProxyEventV2,
  context?: LambdaContext,
) => Promise<RestHandlerResult>;

/**
 * Turns a Hono app into a REST module's Lambda handler for API Gateway HTTP API
 * payload v2 events (contract 2), so the same module runs behind the gateway and
 * behind a real API Gateway path mapping. Errors answer as JSON, as `useRestErrors`
 * describes: a `BadRequestError` (or any error with a 4xx `statusCode`) with its
 * status, code, message and details; an `HTTPException` with its status; anything else
 * as a 500 that hides the details (they go to the function's log). The app's own
 * `onError`, if any, still comes first: give the app `useRestErrors` to answer alike
 * when it is driven directly.
 *
 * Each answer is counted per function version (requests, 5xx, 4xx, latency: contract 6,
 * `createRequestMetrics`), so a deployment judges what clients saw even when they came
 * through an API Gateway mapping, which no Turnout gateway sees, and a 500 the handler
 * answered, which Lambda does not count as an error.
 *
 * @example
 * const app = new Hono().get('/message/:id', (c) => c.json({ id: c.req.param('id') }));
 * export const handler = createRestHandler(app);
 */
export function createRestHandler<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
): RestHandler {
  const root = useRestErrors(new Hono());
  root.route('/', app);
  const lambdaHandler = handle(root);
  const metrics = createRequestMetrics();
  // hono's event types are narrower than aws-lambda's (e.g. `body: string | null`);
  // the adapter reads the same fields, so the standard type is the honest contract.
  return (event, context) => {
    const started = performance.now();
    const answer = lambdaHandler(
      event as unknown as LambdaEvent,
      context as never,
    ) as Promise<RestHandlerResult>;
    return answer.then(
      (result) => {
        metrics.record(outcomeOfStatus(result.statusCode), performance.now() - started);
        return result;
      },
      (error: unknown) => failed(metrics, started, error),
    );
  };
}

/** A handler that throws fails its client too (Lambda answers the gateway an error). */
function failed(metrics: RequestMetrics, started: number, error: unknown): never {
  metrics.record('server-error', performance.now() - started);
  throw error;
}
