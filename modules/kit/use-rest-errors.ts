import type { Context, Env, Hono, Schema } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The JSON body of every error a REST module answers through the kit. An error's
 * `details` (e.g. the id of the pass a load already has) stand beside its code.
 */
export interface RestErrorBody {
  error: { code: string; message: string; [detail: string]: unknown };
}

/**
 * Makes a Hono app answer errors and unknown paths as the kit's JSON
 * `{ error: { code, message, ...details } }`, the same answer `createRestHandler` gives,
 * so the app answers alike when driven directly (`app.request`, tests) and behind the
 * Lambda adapter:
 * - an error with a 4xx `statusCode` (as `BadRequestError` and a module's own errors
 *   carry): that status, its `code` (default `BAD_REQUEST`), its message, and the
 *   fields of its `details` object, if any;
 * - an `HTTPException`: its status, code `HTTP_<status>`;
 * - anything else: a 500 that hides the details, which go to the function's log;
 * - a path no route matches: a 404 `NOT_FOUND`; a path a route matches with another
 *   method: a 405 `METHOD_NOT_ALLOWED` with `Allow` naming the methods it takes.
 *
 * @example
 * class PassAlreadyIssuedError extends Error {
 *   readonly code = 'PASS_ALREADY_ISSUED';
 *   readonly statusCode = 409;
 *   get details() { return { passId: this.existingPassId }; }
 * }
 * const app = useRestErrors(new Hono()).post('/gatepass', issue);
 */
export function useRestErrors<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
): Hono<E, S, B> {
  app.onError(answerError);
  app.notFound((c) => {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length === 0) {
      return c.json(errorBody('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`), 404);
    }
    c.header('allow', allowed.join(', '));
    return c.json(
      errorBody(
        'METHOD_NOT_ALLOWED',
        `${c.req.path} does not take ${c.req.method}: use ${allowed.join(', ')}.`,
      ),
      405,
    );
  });
  return app;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The methods the app has a route for at `path` (HEAD wherever GET is, as Hono answers
 * it), for the 405's `Allow` header (RFC 9110). Asked of the app's own router, so it
 * matches exactly as a request would; middleware (`app.use`, method ALL) is not a route.
 */
function allowedMethods<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
  path: string,
): string[] {
  const allowed = METHODS.filter((method) => {
    // Each match is [[handler, the route as registered], params].
    const [matches] = app.router.match(method, path) as unknown as [
      [[unknown, { method: string }], unknown][],
    ];
    return matches.some(([[, route]]) => route.method !== 'ALL');
  });
  return allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed;
}

function answerError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) {
    return c.json(
      errorBody(`HTTP_${error.status}`, error.message || 'Request failed.'),
      error.status,
    );
  }
  const status = clientErrorStatus(error);
  if (status) {
    const body = errorBody(errorCode(error) ?? 'BAD_REQUEST', error.message, errorDetails(error));
    return c.json(body, status);
  }
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

function errorDetails(error: Error): Record<string, unknown> {
  const details = (error as { details?: unknown }).details;
  return typeof details === 'object' && details !== null
    ? (details as Record<string, unknown>)
    : {};
}

function errorBody(
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): RestErrorBody {
  // Details sit beside the code and message but never replace them.
  const { code: _, message: __, ...rest } = details;
  return { error: { code, message, ...rest } };
}
