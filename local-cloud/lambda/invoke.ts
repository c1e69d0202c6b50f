import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  InvalidParameterValueError,
  InvalidRequestContentError,
  RequestTooLargeError,
  TooManyRequestsError,
} from './errors.ts';
import {
  type FunctionErrorPayload,
  RESPONSE_LIMIT_BYTES,
  responseTooLargeError,
} from './function-errors.ts';
import type { FunctionsStore } from './functions-store.ts';
import type { LambdaMetrics } from './metrics.ts';
import { parseFunctionName } from './parse-function-name.ts';
import { pickAliasVersion } from './pick-alias-version.ts';
import type { InvokeOutcome } from './process-environment.ts';
import type { FunctionRecord, FunctionVersion } from './types.ts';
import type { VersionPools } from './version-pools.ts';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface InvokeInput {
  /** A name, `name:qualifier`, or an ARN. */
  functionName: string;
  qualifier?: string;
  /** @default 'RequestResponse' */
  invocationType?: InvocationType;
  payload?: Uint8Array | string;
}

/** What the Invoke API answers, before it is written to HTTP. */
export interface InvokeResult {
  statusCode: 200 | 202 | 204;
  executedVersion?: string;
  functionError?: 'Unhandled';
  body: string;
}

/** Lambda's payload quotas, in bytes. */
export const PAYLOAD_LIMITS = {
  request: 6_291_456,
  eventRequest: 1_048_576,
  response: RESPONSE_LIMIT_BYTES,
};

export interface InvokerOptions {
  store: FunctionsStore;
  pools: VersionPools;
  metrics: LambdaMetrics;
  /** The draw for weighted aliases; passed in so tests can fix it. */
  random?: () => number;
  /** Told about Event invokes that failed, since no caller waits for them. */
  onAsyncError?(error: unknown): void;
}

export type Invoke = (input: InvokeInput) => Promise<InvokeResult>;

/**
 * The Invoke operation: resolves the function and qualifier (weighted aliases included),
 * enforces payload size and reserved concurrency, runs the version in its environment pool and
 * shapes the answer as Lambda does, recording metrics per executed version.
 *
 * @example
 * const invoke = createInvoker({ store, pools, metrics });
 * const { body, executedVersion } = await invoke({ functionName: 'orders:live', payload: '{}' });
 */
export function createInvoker(options: InvokerOptions): Invoke {
  const { store, pools, metrics } = options;
  const random = options.random ?? Math.random;
  const inFlight = new Map<string, number>();

  async function runVersion(
    fn: FunctionRecord,
    version: FunctionVersion,
    qualifier: string,
    payload: string,
  ) {
    const reserved = fn.reservedConcurrency;
    const running = inFlight.get(fn.name) ?? 0;
    const executed = version.config.Version;
    if (reserved !== undefined && running >= reserved) {
      metrics.record({ functionName: fn.name, qualifier, version: executed, outcome: 'throttle' });
      throw new TooManyRequestsError(
        'Rate Exceeded.',
        'ReservedFunctionConcurrentInvocationLimitExceeded',
      );
    }
    inFlight.set(fn.name, running + 1);
    const requestId = randomUUID();
    const started = performance.now();
    let outcome: InvokeOutcome;
    try {
      outcome = await pools.poolFor(fn, version).run({
        requestId,
        payload,
        invokedFunctionArn: qualifier === '$LATEST' ? fn.arn : `${fn.arn}:${qualifier}`,
      });
    } finally {
      inFlight.set(fn.name, (inFlight.get(fn.name) ?? 1) - 1);
    }
    const durationMs = performance.now() - started;
    const result = toResult(executed, outcome);
    metrics.record({
      functionName: fn.name,
      qualifier,
      version: executed,
      outcome: result.functionError ? 'error' : 'success',
      durationMs,
    });
    return result;
  }

  function runLater(
    fn: FunctionRecord,
    version: FunctionVersion,
    qualifier: string,
    payload: string,
    attempt = 0,
  ) {
    runVersion(fn, version, qualifier, payload).catch((error: unknown) => {
      // why: Lambda retries throttled Event invokes instead of dropping them
      if (error instanceof TooManyRequestsError && attempt < 50) {
        setTimeout(() => runLater(fn, version, qualifier, payload, attempt + 1), 100).unref();
      } else options.onAsyncError?.(error);
    });
  }

  return async function invoke(input: InvokeInput): Promise<InvokeResult> {
    const type = input.invocationType ?? 'RequestResponse';
    const payload = readPayload(input.payload, type);
    const target = parseFunctionName(input.functionName, input.qualifier);
    const fn = store.get(target.name);
    const qualifier = target.qualifier ?? '$LATEST';
    const alias = fn.aliases.get(qualifier);
    const version = store.getVersion(fn.name, alias ? pickAliasVersion(alias, random) : qualifier);
    if (type === 'DryRun') return { statusCode: 204, body: '' };
    if (type === 'Event') {
      runLater(fn, version, qualifier, payload);
      return { statusCode: 202, body: '' };
    }
    return runVersion(fn, version, qualifier, payload);
  };
}

function readPayload(raw: Uint8Array | string | undefined, type: InvocationType | string): string {
  if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
    throw new InvalidParameterValueError(
      `Invalid InvocationType ${type}: use RequestResponse, Event or DryRun`,
    );
  }
  const text = typeof raw === 'string' ? raw : raw ? Buffer.from(raw).toString('utf8') : '';
  const limit = type === 'Event' ? PAYLOAD_LIMITS.eventRequest : PAYLOAD_LIMITS.request;
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : (raw?.byteLength ?? 0);
  if (size > limit) {
    throw new RequestTooLargeError(
      `Request must be smaller than ${limit} bytes for the ${type === 'Event' ? 'InvokeAsync' : 'InvokeFunction'} operation`,
    );
  }
  if (text.length === 0) return '{}';
  try {
    JSON.parse(text);
  } catch {
    throw new InvalidRequestContentError(
      'Could not parse request body into json: the payload is not JSON',
    );
  }
  return text;
}

function checkResponseSize(body: string): FunctionErrorPayload | undefined {
  // why: measure bytes only when the string could be over the limit; most answers are tiny
  if (body.length * 3 <= PAYLOAD_LIMITS.response) return undefined;
  if (Buffer.byteLength(body) <= PAYLOAD_LIMITS.response) return undefined;
  return responseTooLargeError();
}

function toResult(executedVersion: string, outcome: InvokeOutcome): InvokeResult {
  if ('error' in outcome) return functionErrorResult(executedVersion, outcome.error);
  const tooLarge = checkResponseSize(outcome.body);
  if (tooLarge) return functionErrorResult(executedVersion, tooLarge);
  return { statusCode: 200, executedVersion, body: outcome.body };
}

function functionErrorResult(executedVersion: string, error: FunctionErrorPayload): InvokeResult {
  return {
    statusCode: 200,
    executedVersion,
    functionError: 'Unhandled',
    body: JSON.stringify(error),
  };
}
