/** What one health source saw of one function version over a window. */
export interface VersionHealth {
  invocations: number;
  errors: number;
  throttles: number;
  /** Undefined when the window holds no completed invoke. */
  p90Ms: number | undefined;
  p99Ms: number | undefined;
  /**
   * The part of `errors` that were answers breaking the graphlet contract (wrong shape,
   * wrong types, a merge list of the wrong length), and the latest one's violation:
   * only the gateway sees them (gateway/HEALTH.md).
   */
  badResponses?: number;
  badResponse?: string;
  /**
   * Requests that were the client's fault (4xx, GraphQL client error codes): kept for
   * the operator, not judged. Only the module metrics count them (contract 6).
   */
  clientErrors?: number;
  /** Alarms on the function's alias that went into ALARM within the window: each is a breach. */
  alarms?: AlarmInAlarm[];
}

/** A CloudWatch alarm in the ALARM state, and why CloudWatch says it is. */
export interface AlarmInAlarm {
  name: string;
  reason: string;
  /** When it went into ALARM, epoch milliseconds. */
  sinceMs: number;
}

/**
 * Where the monitor reads health: the gateway's samples (what its clients saw), the
 * module metrics (what the module's handler answered every client, contract 6), the
 * Lambda metrics (CloudWatch `AWS/Lambda` with the `ExecutedVersion` dimension) and the
 * alias alarms (CloudWatch, in AWS only).
 */
export interface HealthSource {
  name: string;
  read(query: {
    functionName: string;
    version: string;
    sinceMs: number;
    untilMs: number;
  }): Promise<VersionHealth>;
}

export const NO_TRAFFIC: VersionHealth = {
  invocations: 0,
  errors: 0,
  throttles: 0,
  p90Ms: undefined,
  p99Ms: undefined,
};

export function errorRate(health: VersionHealth): number {
  return health.invocations === 0 ? 0 : health.errors / health.invocations;
}

export function throttleRate(health: VersionHealth): number {
  const attempts = health.invocations + health.throttles;
  return attempts === 0 ? 0 : health.throttles / attempts;
}
