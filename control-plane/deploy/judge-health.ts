import { errorRate, throttleRate, type VersionHealth } from './version-health.ts';

/** When a new version counts as worse than the one it replaces. */
export interface BakeThresholds {
  /** Invokes the new version must serve in a step before it may be promoted. @default 20 */
  minInvocations: number;
  /** Errors it takes before an error rate counts at all (one error is not a trend). @default 2 */
  minErrors: number;
  /** How much higher than the old version's the new error rate may be. @default 0.02 */
  errorRateTolerance: number;
  /** How many times the old tail latency the new may reach... @default 1.5 */
  latencyFactor: number;
  /**
   * ...and by how many ms at least, so jitter on fast functions (and the gateway's
   * power-of-two latency buckets) is no breach. @default 250
   */
  latencySlackMs: number;
  /** Completed invokes needed before latency is compared at all. @default 20 */
  minLatencySamples: number;
  /** How much higher the new throttle rate may be. @default 0.02 */
  throttleRateTolerance: number;
}

export const DEFAULT_THRESHOLDS: BakeThresholds = {
  minInvocations: 20,
  minErrors: 2,
  errorRateTolerance: 0.02,
  latencyFactor: 1.5,
  latencySlackMs: 250,
  minLatencySamples: 20,
  throttleRateTolerance: 0.02,
};

export type HealthVerdict =
  | { verdict: 'breach'; reason: string }
  | { verdict: 'healthy' }
  | { verdict: 'waiting'; reason: string };

/**
 * Compares the new version with the old one over the same window. `breach` rolls
 * back at once; `healthy` allows promotion once the bake time is over; `waiting`
 * means too little traffic to tell yet.
 */
export function judgeHealth(
  canary: VersionHealth,
  stable: VersionHealth,
  t: BakeThresholds = DEFAULT_THRESHOLDS,
): HealthVerdict {
  const breach = findBreach(canary, stable, t);
  if (breach) return { verdict: 'breach', reason: breach };
  if (canary.invocations < t.minInvocations) {
    return {
      verdict: 'waiting',
      reason: `${canary.invocations} of ${t.minInvocations} invokes needed`,
    };
  }
  return { verdict: 'healthy' };
}

function findBreach(
  canary: VersionHealth,
  stable: VersionHealth,
  t: BakeThresholds,
): string | undefined {
  const alarm = canary.alarms?.[0];
  // An alarm is the operator's own line for unhealthy: no rate or baseline argues with it.
  if (alarm) return `alarm ${alarm.name} is in ALARM: ${alarm.reason}`;
  const errors = errorRate(canary);
  if (canary.errors >= t.minErrors && errors > errorRate(stable) + t.errorRateTolerance) {
    return `error rate ${percent(errors)} (${canary.errors}/${canary.invocations}) against ${percent(errorRate(stable))} on the old version${badResponses(canary)}`;
  }
  const throttles = throttleRate(canary);
  if (
    canary.throttles >= t.minErrors &&
    throttles > throttleRate(stable) + t.throttleRateTolerance
  ) {
    return `throttle rate ${percent(throttles)} against ${percent(throttleRate(stable))} on the old version`;
  }
  return latencyBreach(canary, stable, t);
}

/**
 * Compares tail latency. Under a hundred samples p99 is the slowest one or two, so one
 * cold start would decide it: there p90 is compared, which a version that is slower
 * across the board still fails.
 */
function latencyBreach(
  canary: VersionHealth,
  stable: VersionHealth,
  t: BakeThresholds,
): string | undefined {
  const completed = canary.invocations - canary.errors;
  if (completed < t.minLatencySamples) return undefined;
  const [label, ours, theirs] =
    completed >= 100 ? ['p99', canary.p99Ms, stable.p99Ms] : ['p90', canary.p90Ms, stable.p90Ms];
  if (ours === undefined) return undefined;
  const baseline = theirs ?? 0;
  const limit = Math.max(baseline * t.latencyFactor, baseline + t.latencySlackMs);
  if (ours <= limit) return undefined;
  return `${label} latency ${ours.toFixed(0)} ms against ${baseline.toFixed(0)} ms on the old version (limit ${limit.toFixed(0)} ms)`;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** Which of the errors were answers that broke the contract, and how: the operator's first clue. */
function badResponses(canary: VersionHealth): string {
  if (!canary.badResponses) return '';
  const example = canary.badResponse ? `, e.g. ${canary.badResponse}` : '';
  return `; ${canary.badResponses} of them answers that broke the graphlet contract${example}`;
}
