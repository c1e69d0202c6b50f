import type { InvokeRequest, InvokeResult } from './types.ts';

/** A v2 result with a 5xx status, found without parsing the whole payload. */
const SERVER_ERROR_STATUS = /"statusCode":\s*5\d\d\b/;

/**
 * Whether the module failed this invoke: a function error, or, for a REST module, a 5xx
 * answer (a handler that catches its own error and answers 500 has failed all the
 * same, though Lambda saw it return).
 */
export function isFailedInvoke(
  request: Pick<InvokeRequest, 'kind'>,
  result: InvokeResult,
): boolean {
  if (result.functionError) return true;
  return request.kind === 'rest' && SERVER_ERROR_STATUS.test(result.payload);
}
