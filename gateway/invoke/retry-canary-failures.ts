import type { Logger } from '../types.ts';
import { isFailedInvoke } from './is-failed-invoke.ts';
import type { InvokeRequest, InvokeResult, Invoker } from './types.ts';

export interface RetryCanaryOptions {
  logger: Logger;
}

/**
 * Keeps a bad canary from costing clients errors. While a deployment splits a module's
 * alias, the registry's generation names the stable version (contracts/registry.ts,
 * ModuleRelease) and the gateway passes it on each invoke as `stableVersion`. A failed
 * invoke that ran on another version is tried once more on that stable version, invoked
 * by its number. Only requests marked `idempotent` (queries, GET, HEAD) are retried; a
 * mutation never runs twice. Without a split there is no `stableVersion` and no retry:
 * after a full cutover, no older version is a safe guess.
 *
 * Both attempts are counted in the health samples, so the deployment monitor still sees
 * the canary fail.
 *
 * @example
 * const invoke = retryCanaryFailures(recordInvokeHealth(lambda.invoke, health, timer), { logger });
 */
export function retryCanaryFailures(invoke: Invoker, options: RetryCanaryOptions): Invoker {
  const retryOnStable = (
    request: InvokeRequest,
    result: InvokeResult,
  ): InvokeResult | Promise<InvokeResult> => {
    const stable = request.stableVersion;
    if (
      stable === undefined ||
      !request.idempotent ||
      result.executedVersion === stable ||
      request.qualifier === stable ||
      !isFailedInvoke(request, result)
    ) {
      return result;
    }
    options.logger.warn('canary failed; retrying on the stable version', {
      module: request.module,
      functionName: request.functionName,
      failedVersion: result.executedVersion,
      stableVersion: stable,
    });
    return invoke({ ...request, qualifier: stable, idempotent: false });
  };

  // A promise chain rather than an async function: one promise fewer on every invoke.
  return (request) =>
    request.stableVersion === undefined
      ? invoke(request)
      : invoke(request).then((result) => retryOnStable(request, result));
}
