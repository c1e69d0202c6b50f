import type { Context } from 'hono';
import type * as z from 'zod';
import { BadRequestError } from './errors.ts';
import { plainZodMessage } from './plain-zod-message.ts';

/**
 * Reads a request's JSON body and checks it against a zod schema. A body that is not
 * JSON, or does not match, throws a `BadRequestError` naming each wrong field, which
 * `createRestHandler` answers as a 400.
 *
 * @example
 * app.post('/message', async (c) => {
 *   const message = await readJsonBody(c, z.object({ to: z.string(), text: z.string() }));
 *   return c.json(await send(message), 201);
 * });
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (error) {
    throw new BadRequestError(
      'The request body is not valid JSON: send a JSON object with Content-Type: application/json.',
      {
        code: 'INVALID_JSON',
        cause: error,
      },
    );
  }
  const result = schema.safeParse(body, { error: plainZodMessage });
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`,
  );
  throw new BadRequestError(`The request body is invalid: ${problems.join('; ')}.`, {
    code: 'INVALID_BODY',
    cause: result.error,
  });
}
