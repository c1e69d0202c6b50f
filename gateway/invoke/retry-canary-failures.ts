import type { Clock, Logger } from '../types.ts';
import { isFailedInvoke } from './is-failed-invoke.ts';
import type { InvokeRequest, InvokeResult, Invoker } from './types.ts';

export interface RetryCanaryOptions {
  clock: Clock;
  logger: Logger;
  /** How recently an older version must have answered well to count as the stable one. @default 60_000 */
  windowMs?: number;
  /**
   * The share of failures beyond which a version is no retry target: a canary that was
   * rolled back after failing one request in five must not become the "stable" one of
   * the next deployment. @default 0.05
   */
  maxFailureRatio?: number;
}

/**
 * Keeps a bad canary from costing clients errors. While an alias splits traffic, a
 * failed invoke that ran on the newer version is tried once more on the older version
 * that answered well within the window, invoked by its number. Only requests marked
 * `idempotent` (queries, GET, HEAD) are retried; a mutation never runs twice.
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
  const versions = createVersionRecords(options.clock, windowMs);
  const maxFailureRatio = options.maxFailureRatio ?? 0.05;

  /** The newest version older than `failed` that answered well lately and rarely failed. */
  const stableBefore = (functionName: string, failed: number): number | undefined => {
    let best: number | undefined;
    for (const [version, record] of versions.of(functionName)) {
      const healthy = record.failed <= maxFailureRatio * (record.ok + record.failed);
      if (
        version < failed &&
        versions.recent(record) &&
        healthy &&
        (best === undefined || version > best)
      ) {
        best = version;
      }
    }
    return best;
  };

  const retryOnStable = (
    request: InvokeRequest,
    result: InvokeResult,
  ): InvokeResult | Promise<InvokeResult> => {
    const failedInvoke = isFailedInvoke(request, result);
    versions.count(request.functionName, result.executedVersion, failedInvoke);
    if (!failedInvoke) return result;
    const failed = Number(result.executedVersion);
    if (!request.idempotent || !Number.isInteger(failed) || isVersion(request.qualifier))
      return result;
    const stable = stableBefore(request.functionName, failed);
    if (stable === undefined) return result;
    options.logger.warn('canary failed; retrying on the stable version', {
      module: request.module,
      functionName: request.functionName,
      failedVersion: String(failed),
      stableVersion: String(stable),
    });
    return invoke({ ...request, qualifier: String(stable), idempotent: false });
  };

  // A promise chain rather than an async function: one promise fewer on every invoke.
  return (request) => invoke(request).then((result) => retryOnStable(request, result));
}

const isVersion = (qualifier: string) => /^\d+$/.test(qualifier);

interface VersionRecord {
  ok: number;
  failed: number;
  lastOkAt: number;
  lastSeenAt: number;
}

/** Per function, per version: how its invokes went within the window. */
function createVersionRecords(clock: { now(): number }, windowMs: number) {
  const byFunction = new Map<string, Map<number, VersionRecord>>();
  const of = (functionName: string) => {
    const versions = byFunction.get(functionName) ?? new Map<number, VersionRecord>();
    byFunction.set(functionName, versions);
    return versions;
  };
  return {
    of,
    recent: (record: VersionRecord) => record.lastOkAt >= clock.now() - windowMs,
    count(functionName: string, version: string | undefined, failed: boolean) {
      const number = Number(version);
      if (!Number.isInteger(number)) return;
      const now = clock.now();
      const versions = of(functionName);
      const known = versions.get(number);
      // A version idle for the whole window starts its counts afresh.
      const record =
        known && known.lastSeenAt >= now - windowMs
          ? known
          : { ok: 0, failed: 0, lastOkAt: Number.NEGATIVE_INFINITY, lastSeenAt: now };
      record.lastSeenAt = now;
      if (failed) record.failed++;
      else {
        record.ok++;
        record.lastOkAt = now;
      }
      versions.set(number, record);
    },
  };
}
