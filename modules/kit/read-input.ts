import type * as z from 'zod';
import { BadRequestError } from './errors.ts';
import { plainZodMessage } from './plain-zod-message.ts';

/**
 * Checks path parameters or a query string against a zod schema; a mismatch throws a
 * `BadRequestError` (code `INVALID_PATH` or `INVALID_QUERY`) that names each wrong
 * field, which `useRestErrors` and `createRestHandler` answer as a 400.
 *
 * @example
 * const { driverId } = readInput(driverParamsSchema, c.req.param(), 'path');
 */
export function readInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'path' | 'query',
): z.output<S> {
  const result = schema.safeParse(value, { error: plainZodMessage });
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(value)'}: ${issue.message}`,
  );
  const what = where === 'path' ? 'The request path' : 'The query string';
  throw new BadRequestError(`${what} is invalid: ${problems.join('; ')}.`, {
    code: where === 'path' ? 'INVALID_PATH' : 'INVALID_QUERY',
    cause: result.error,
  });
}
