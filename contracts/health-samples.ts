/**
 * Health samples (docs/ARCHITECTURE.md, contract 5): what every gateway counts of its invokes and
 * serves at `/_turnout/health`, and what the deployment monitor reads to judge a
 * version. Contract version 1: add fields freely; renaming or removing one is a new
 * version. gateway/HEALTH.md describes the route.
 */

/** The version recorded when Lambda did not say which one ran (a throttle, a timeout). */
export const UNKNOWN_VERSION = 'unknown';

/** One function version's invokes within one second. */
export interface HealthSample {
  functionName: string;
  module: string;
  /**
   * The cell the function serves, for a cellular module (contracts/cell-map.ts): each
   * cell has its own function, so a deployment judges one cell's versions apart.
   */
  cell?: string;
  version: string;
  /** The start of the second, epoch milliseconds. */
  timestamp: number;
  invokes: number;
  /** Function errors and timeouts (timeouts are also counted on their own). */
  errors: number;
  timeouts: number;
  /**
   * The part of `errors` that were graphlet answers breaking the contract: not JSON,
   * not `{ data, errors }`, or data that does not fit the query (a merge list of the
   * wrong length, a value of the wrong type, a null where the type is non-null).
   * Absent from gateways older than the field.
   */
  badResponses?: number;
  /** The latest such answer's violation within the second, e.g. `_titles: 0 entries for 3 keys`. */
  badResponse?: string;
  throttles: number;
  latencySumMs: number;
  /** Counts per bucket; bucket i holds latencies up to `latencyBucketBoundsMs[i]`, the last one the rest. */
  latencyBuckets: number[];
}

/** The JSON body of `GET /_turnout/health?functionName=&since=`. */
export interface HealthSamplesAnswer {
  /** The registry generation the gateway serves, if it has loaded one. */
  generation?: number;
  latencyBucketBoundsMs: readonly number[];
  /** Sorted by `timestamp`. */
  samples: HealthSample[];
}

/**
 * The header that carries the gateway's health token: `/_turnout/health` answers its
 * samples only to a caller that sends the token the gateway was configured with
 * (`healthToken`, or `TURNOUT_HEALTH_TOKEN` in its environment). gateway/HEALTH.md.
 */
export const HEALTH_TOKEN_HEADER = 'x-turnout-health-token';

/** Where a gateway answers up or down for anyone (Route 53's health check, `turnout regions`). */
export const LIVENESS_PATH = '/_turnout/live';

/** The JSON body of `GET /_turnout/live`: up or down, nothing more. */
export interface LivenessAnswer {
  status: 'up' | 'down';
}
