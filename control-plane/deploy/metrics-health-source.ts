import type { HealthSource, VersionHealth } from './version-health.ts';

/** The part of CloudWatch's GetMetricData the monitor uses (the local Lambda answers it too). */
export type GetMetricData = (input: {
  MetricDataQueries: {
    Id: string;
    MetricStat: {
      Metric: {
        Namespace: string;
        MetricName: string;
        Dimensions: { Name: string; Value: string }[];
      };
      Period: number;
      Stat: string;
    };
  }[];
  StartTime: Date;
  EndTime: Date;
}) =>
  | Promise<{ MetricDataResults?: { Id?: string; Values?: number[] }[] }>
  | { MetricDataResults?: { Id?: string; Values?: number[] }[] };

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
 * pipeline targets in AWS use it (cli/open-environment.ts): locally the bake reads the
 * gateway's samples alone, although the local Lambda answers GetMetricData too (its
 * tests use it). `resolutionSeconds` is the finest period the metrics have: 60 for
 * Lambda's standard metrics in CloudWatch, 1 for the local Lambda's.
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
      const windowSeconds = Math.max(1, Math.ceil((untilMs - sinceMs) / 1000));
      // One datapoint per query covering the whole window, so p99 is over the window.
      const period = Math.ceil(windowSeconds / resolutionSeconds) * resolutionSeconds;
      const dimensions = [
        { Name: 'FunctionName', Value: functionName },
        { Name: 'Resource', Value: `${functionName}:${alias}` },
        { Name: 'ExecutedVersion', Value: version },
      ];
      const { MetricDataResults = [] } = await getMetricData({
        MetricDataQueries: QUERIES.map((q) => ({
          Id: q.id,
          MetricStat: {
            Metric: { Namespace: 'AWS/Lambda', MetricName: q.metric, Dimensions: dimensions },
            Period: period,
            Stat: q.stat,
          },
        })),
        StartTime: new Date(sinceMs),
        EndTime: new Date(untilMs),
      });
      const values = (id: string) => MetricDataResults.find((r) => r.Id === id)?.Values ?? [];
      const sum = (id: string) => values(id).reduce((a, b) => a + b, 0);
      const worst = (id: string) => (values(id).length ? Math.max(...values(id)) : undefined);
      return {
        invocations: sum('invocations'),
        errors: sum('errors'),
        throttles: sum('throttles'),
        p90Ms: worst('p90'),
        p99Ms: worst('p99'),
      };
    },
  };
}
