import { LambdaInvokeError, ModuleTimeoutError } from '../errors.ts';
import { answerViolation, isFailedInvoke } from '../invoke/is-failed-invoke.ts';
import type { Invoker } from '../invoke/types.ts';
import type { Clock } from '../types.ts';
import type { HealthRecorder, InvokeOutcome } from './create-health-recorder.ts';

/**
 * Wraps an invoker so that every invoke is counted in `health` under the version Lambda
 * says ran (`X-Amz-Executed-Version`). Lambda's own timeout (`Sandbox.Timedout`) counts
 * as a timeout, a graphlet answer that breaks the contract as a bad response (an error,
 * with the violation kept), any other failure (`isFailedInvoke`) as an error.
 *
 * @example
 * const invoke = recordInvokeHealth(lambda.invoke, health, { now: performance.now.bind(performance) });
 */
export function recordInvokeHealth(invoke: Invoker, health: HealthRecorder, timer: Clock): Invoker {
  // A promise chain, and each record built whole as one literal: this runs on every
  // invoke, and an object spread here cost more than the rest of the wrapper together
  // (gateway/PERFORMANCE.md, step 10).
  return (request) => {
    const started = timer.now();
    const record = (
      version: string | undefined,
      outcome: InvokeOutcome,
      violation: string | undefined,
    ) =>
      health.record({
        module: request.module,
        functionName: request.functionName,
        cell: request.cell,
        version,
        latencyMs: timer.now() - started,
        outcome,
        violation,
      });
    return invoke(request).then(
      (result) => {
        if (!isFailedInvoke(request, result)) record(result.executedVersion, 'ok', undefined);
        else {
          const violation = answerViolation(request, result);
          const outcome =
            violation !== undefined
              ? 'bad-response'
              : isLambdaTimeout(result.payload)
                ? 'timeout'
                : 'error';
          record(result.executedVersion, outcome, violation);
        }
        return result;
      },
      (error: unknown) => {
        record(undefined, failureOutcome(error), undefined);
        throw error;
      },
    );
  };
}

/** Whether a function-error payload says Lambda stopped the function at its timeout. */
export function isLambdaTimeout(payload: string): boolean {
  return payload.includes('Sandbox.Timedout') || payload.includes('Task timed out');
}

function failureOutcome(error: unknown): InvokeOutcome {
  if (error instanceof ModuleTimeoutError) return 'timeout';
  if (error instanceof LambdaInvokeError && error.lambdaStatus === 429) return 'throttle';
  return 'error';
}
