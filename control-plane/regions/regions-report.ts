// The report's shape only: `turnout regions` reads it (cli/regions/build-regions-report.ts)
// and the console shows it, so both say the same of each Region.

/** What `turnout regions --json` prints: one entry per Region. */
export interface RegionsReport {
  regions: {
    region: string;
    /** Its ARC routing control: On lets clients in. */
    routingControl: 'On' | 'Off' | 'unknown';
    /** The front door's health check of its gateway (locally), or its `/_turnout/live` asked from here (AWS). */
    health: 'healthy' | 'unhealthy' | 'unknown';
    /** Where the health came from, when not the front door: e.g. `GET https://…/_turnout/live`. */
    healthFrom?: string;
    /**
     * The gateway's recent traffic: over the last minute as the front door saw it (locally),
     * or over `windowSeconds` from the CloudWatch metrics named by `source` (AWS).
     */
    gateway?: {
      requests: number;
      errorRate: number;
      p50Ms?: number;
      p99Ms?: number;
      windowSeconds?: number;
      source?: string;
    };
    /** Each module's `live` alias: its version, and a canary's weight during a release. */
    modules: {
      module: string;
      /** A cellular module's cell: each has its own function and version. */
      cell?: string;
      liveVersion: string;
      canary?: { version: string; weight: number };
    }[];
    /** ReplicationLatency of the writes this Region sent, over the last 5 minutes (ms). */
    replicationLatency?: { averageMs: number; maximumMs: number; toRegions: string[] };
  }[];
}
