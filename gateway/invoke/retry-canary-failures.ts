import type { Clock, Logger } from '../types.ts';
import { isFailedInvoke } from './is-failed-invoke.ts';
import type { InvokeResult, Invoker } from './types.ts';

export interface RetryCanaryOptions {
  clock: Clock;
  logger: Logger;
  /** How recently an older version must have answered well to count as the stable one. @default 60_000 */
  windowMs?: number;
}

/**
 * Keeps a bad canary from costing clients errors. While an alias splits traffic, a
 * failed invoke that ran on the newer version is tried once more on the older version
 * that answered well within the window, invoked by its number. Only requests marked
 * `retryOnStable` (queries, GET, HEAD) are retried; a mutation never runs twice.
 *
 * The stable version is learnt from traffic, not asked of Lambda: GetAlias is a control
 * plane call with a low account-wide rate limit, and every gateway instance would make
 * it. A deployment always publishes a newer version than the one it replaces, so "an
 * older version that answered well a moment ago" is the version the canary shares the
 * alias with. Both attempts are counted in the health samples, so the deployment
 * monitor still sees the canary fail.
 *
 * @example
 * const invoke = retryCanaryFailures(recordInvokeHealth(lambda.invoke, health, timer), { clock, logger });
 */
export function retryCanaryFailures(invoke: Invoker, options: RetryCanaryOptions): Invoker {
  const windowMs = options.windowMs ?? 60_000;
  /** functionName -> version -> when it last answered well. */
  const lastGood = new Map<string, Map<number, number>>();

  const remember = (functionName: string, version: string | undefined) => {
    const number = Number(version);
    if (!Number.isInteger(number)) return;
    const versions = lastGood.get(functionName) ?? new Map<number, number>();
    lastGood.set(functionName, versions);
    versions.set(number, options.clock.now());
  };

  const stableBefore = (functionName: string, failed: number): number | undefined => {
    const since = options.clock.now() - windowMs;
    let best: number | undefined;
    for (const [version, at] of lastGood.get(functionName) ?? []) {
      if (version < failed && at >= since && (best === undefined || version > best)) best = version;
    }
    return best;
  };

  return async (request) => {
    const result: InvokeResult = await invoke(request);
    if (!isFailedInvoke(request, result)) {
      remember(request.functionName, result.executedVersion);
      return result;
    }
    const failed = Number(result.executedVersion);
    if (!request.retryOnStable || !Number.isInteger(failed) || isVersion(request.qualifier))
      return result;
    const stable = stableBefore(request.functionName, failed);
    if (stable === undefined) return result;
    options.logger.warn('canary failed; retrying on the stable version', {
      module: request.module,
      functionName: request.functionName,
      failedVersion: String(failed),
      stableVersion: String(stable),
    });
    return invoke({ ...request, qualifier: String(stable), retryOnStable: false });
  };
}

const isVersion = (qualifier: string) => /^\d+$/.test(qualifier);
