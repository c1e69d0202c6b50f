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
}

/**
 * Where the monitor reads health: the gateway's samples (what clients saw) and the
 * Lambda metrics (CloudWatch `AWS/Lambda` with the `ExecutedVersion` dimension in AWS).
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
