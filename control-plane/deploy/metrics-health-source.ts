import { type GetMetricData, readMetricStats } from './read-metric-stats.ts';
import type { HealthSource, VersionHealth } from './version-health.ts';

export type { GetMetricData } from './read-metric-stats.ts';

const QUERIES = [
  { id: 'invocations', metric: 'Invocations', stat: 'Sum' },
  { id: 'errors', metric: 'Errors', stat: 'Sum' },
  { id: 'throttles', metric: 'Throttles', stat: 'Sum' },
  { id: 'p90', metric: 'Duration', stat: 'p90' },
  { id: 'p99', metric: 'Duration', stat: 'p99' },
] as const;

/**
 * Health from `AWS/Lambda` metrics with the `ExecutedVersion` dimension, read from
 * CloudWatch (pass `(input) => cloudwatch.send(new GetMetricDataCommand(input))`). Only
 * pipeline targets in AWS use it (cli/open-environment.ts): the local Lambda answers
 * GetMetricData too (its tests use it), but locally the gateway's samples see every
 * invoke these see. Lambda counts only what a handler throws: a kit handler's 500 is
 * counted by `moduleMetricsHealthSource`. `resolutionSeconds` is the finest period the
 * metrics have: 60 for Lambda's standard metrics in CloudWatch, 1 for the local Lambda's.
 */
export function metricsHealthSource({
  getMetricData,
  alias,
  resolutionSeconds = 60,
}: {
  getMetricData: GetMetricData;
  alias: string;
  resolutionSeconds?: number;
}): HealthSource {
  return {
    name: 'lambda-metrics',
    async read({ functionName, version, sinceMs, untilMs }): Promise<VersionHealth> {
      const stats = await readMetricStats(getMetricData, {
        namespace: 'AWS/Lambda',
        dimensions: {
          FunctionName: functionName,
          Resource: `${functionName}:${alias}`,
          ExecutedVersion: version,
        },
        queries: QUERIES,
        sinceMs,
        untilMs,
        resolutionSeconds,
      });
      return {
        invocations: stats.sum('invocations'),
        errors: stats.sum('errors'),
        throttles: stats.sum('throttles'),
        p90Ms: stats.worst('p90'),
        p99Ms: stats.worst('p99'),
      };
    },
  };
}
