import type { InvokeRequest, InvokeResult } from './types.ts';

/** A v2 result with a 5xx status, found without parsing the whole payload. */
const SERVER_ERROR_STATUS = /"statusCode":\s*5\d\d\b/;

/**
 * GraphQL error codes that blame the request, not the module: a version that answers
 * them is doing its job. Any other error (or one without a code) is the module failing.
 */
const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
]);

/**
 * Whether the module failed this invoke: a function error; for a REST module, a 5xx
 * answer (a handler that catches its own error and answers 500 has failed all the
 * same, though Lambda saw it return); for a graphlet, an error in its answer that is
 * not the client's fault (a resolver that throws is caught by GraphQL, so Lambda sees
 * a normal return there too).
 */
export function isFailedInvoke(
  request: Pick<InvokeRequest, 'kind'>,
  result: InvokeResult,
): boolean {
  if (result.functionError) return true;
  if (request.kind === 'rest') return SERVER_ERROR_STATUS.test(result.payload);
  if (request.kind === 'graphql') return hasServerError(result.payload);
  return false;
}

function hasServerError(payload: string): boolean {
  // Most answers have no errors at all: only those are parsed.
  if (!payload.includes('"errors"')) return false;
  try {
    const { errors } = JSON.parse(payload) as { errors?: { extensions?: { code?: unknown } }[] };
    return (errors ?? []).some((e) => !CLIENT_ERROR_CODES.has(String(e.extensions?.code)));
  } catch {
    return true;
  }
}
