import { readGraphletAnswer } from './read-graphlet-answer.ts';
import type { InvokeRequest, InvokeResult } from './types.ts';

/** A v2 result with a 5xx status, found without parsing the whole payload. */
const SERVER_ERROR_STATUS = /"statusCode":\s*5\d\d\b/;

/**
 * Whether the module failed this invoke: a function error; for a REST module, a 5xx
 * answer (a handler that catches its own error and answers 500 has failed all the
 * same, though Lambda saw it return); for a graphlet, an answer that breaks the
 * contract (not JSON, not `{ data, errors }`, or data that does not fit the query:
 * `readGraphletAnswer`), or an error in its answer that is not the client's fault (a
 * resolver that throws is caught by GraphQL, so Lambda sees a normal return there too).
 */
export function isFailedInvoke(
  request: Pick<InvokeRequest, 'kind' | 'answerCheck' | 'variables'>,
  result: InvokeResult,
): boolean {
  if (result.functionError) return true;
  if (request.kind === 'rest') return SERVER_ERROR_STATUS.test(result.payload);
  if (request.kind === 'graphql') {
    const answer = readGraphletAnswer(request, result);
    return answer.violation !== undefined || answer.serverError;
  }
  return false;
}

/** What in a graphlet's answer breaks the contract, if the invoke returned one. */
export function answerViolation(
  request: Pick<InvokeRequest, 'kind' | 'answerCheck' | 'variables'>,
  result: InvokeResult,
): string | undefined {
  if (request.kind !== 'graphql' || result.functionError) return undefined;
  return readGraphletAnswer(request, result).violation;
}
