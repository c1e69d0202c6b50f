import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The app's own error answer, the same JSON `{ error: { code, message } }` that the
 * kit's `createRestHandler` gives, so the app answers alike when driven directly
 * (`app.request`, tests) and behind the Lambda adapter. 5xx details go to the log only.
 */
export function answerError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) {
    return c.json(
      errorBody(`HTTP_${error.status}`, error.message || 'Request failed.'),
      error.status,
    );
  }
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = (error as { code?: unknown }).code;
    return c.json(
      errorBody(typeof code === 'string' ? code : 'BAD_REQUEST', error.message),
      status as ContentfulStatusCode,
    );
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

/** A JSON 404 for a path no route matches. */
export function answerNotFound(c: Context): Response {
  return c.json(errorBody('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}.`), 404);
}

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}
