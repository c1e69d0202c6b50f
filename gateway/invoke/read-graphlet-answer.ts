import { CLIENT_ERROR_CODES } from './client-error-codes.ts';
import { describeValue } from './describe-value.ts';
import type { GraphletAnswer, GraphletBody, InvokeRequest, InvokeResult } from './types.ts';

/**
 * A graphlet's answer, parsed and judged once per invoke however many read it: the
 * health wrapper, the canary retry and the executor each ask, and the first pays. It
 * breaks the contract when it is not JSON, not an object with `data` and/or `errors`,
 * has neither data nor an error, or its `data` fails the request's `answerCheck`.
 *
 * @example
 * const answer = readGraphletAnswer(request, result);
 * if (answer.violation) throw new ModuleError('MODULE_BAD_RESPONSE', module, answer.violation);
 */
export function readGraphletAnswer(
  request: Pick<InvokeRequest, 'answerCheck' | 'variables'>,
  result: InvokeResult,
): GraphletAnswer {
  let answer = result.answer;
  if (answer === undefined) {
    answer = judgeAnswer(result.payload, request);
    result.answer = answer;
  }
  return answer;
}

function judgeAnswer(
  payload: string,
  request: Pick<InvokeRequest, 'answerCheck' | 'variables'>,
): GraphletAnswer {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return new Answer('the answer is not JSON', false, undefined, payload);
  }
  const shape = shapeViolation(body);
  if (shape) return new Answer(shape, false, undefined, payload);
  const { data, errors } = body as GraphletBody;
  const hasErrors = errors !== undefined && errors.length > 0;
  const serverError = hasErrors && errors.some(isServerError);
  if (data == null) {
    const nothing = hasErrors ? undefined : 'the answer has neither data nor errors';
    return new Answer(nothing, serverError, body as GraphletBody, payload);
  }
  const violation = request.answerCheck?.(data, hasErrors, request.variables);
  return new Answer(violation, serverError, body as GraphletBody, payload);
}

/** What keeps the answer from being `{ data, errors }` at all. */
function shapeViolation(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return `the answer is ${describeValue(body)}, not { data, errors }`;
  const { data, errors } = body as Record<string, unknown>;
  if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data)))
    return `data is ${describeValue(data)}, not an object`;
  if (errors === undefined) return undefined;
  if (!Array.isArray(errors)) return `errors is ${describeValue(errors)}, not a list`;
  for (const error of errors) {
    if (typeof error !== 'object' || error === null || Array.isArray(error))
      return `errors holds ${describeValue(error)}, not an error object`;
  }
  return undefined;
}

function isServerError(error: NonNullable<GraphletBody['errors']>[number]): boolean {
  return !CLIENT_ERROR_CODES.has(String(error.extensions?.code));
}

class Answer implements GraphletAnswer {
  #body: GraphletBody | undefined;
  readonly #payload: string;

  constructor(
    readonly violation: string | undefined,
    readonly serverError: boolean,
    body: GraphletBody | undefined,
    payload: string,
  ) {
    this.#body = body;
    this.#payload = payload;
  }

  take(): GraphletBody {
    const body = this.#body;
    if (body === undefined) return JSON.parse(this.#payload) as GraphletBody;
    this.#body = undefined;
    return body;
  }
}
