import {
  MODULE_METRIC_DIMENSIONS,
  MODULE_METRICS,
  MODULE_METRICS_NAMESPACE,
} from '../../contracts/module-metrics.ts';
import { type GetMetricData, readMetricStats } from './read-metric-stats.ts';
import type { HealthSource, VersionHealth } from './version-health.ts';

const QUERIES = [
  { id: 'requests', metric: MODULE_METRICS.requests, stat: 'Sum' },
  { id: 'serverErrors', metric: MODULE_METRICS.serverErrors, stat: 'Sum' },
  { id: 'clientErrors', metric: MODULE_METRICS.clientErrors, stat: 'Sum' },
  { id: 'p90', metric: MODULE_METRICS.latency, stat: 'p90' },
  { id: 'p99', metric: MODULE_METRICS.latency, stat: 'p99' },
] as const;

/**
 * Health as the module's own handler saw each request (contract 6: the kit writes it to
 * the function's log in Embedded Metric Format, CloudWatch turns it into metrics): every
 * client, whether it came through a Turnout gateway or straight through an API Gateway
 * mapping, and every 5xx, whether the handler threw it or answered it. Errors are the
 * module's (5xx, GraphQL errors that are not the client's); client errors are kept in
 * the figures, not judged. Pass `(input) => cloudwatch.send(new GetMetricDataCommand(input))`;
 * `resolutionSeconds` is 60 in CloudWatch (EMF's standard resolution), 1 locally.
 */
export function moduleMetricsHealthSource({
  getMetricData,
  resolutionSeconds = 60,
}: {
  getMetricData: GetMetricData;
  resolutionSeconds?: number;
}): HealthSource {
  return {
    name: 'module-metrics',
    async read({ functionName, version, sinceMs, untilMs }): Promise<VersionHealth> {
      const stats = await readMetricStats(getMetricData, {
        namespace: MODULE_METRICS_NAMESPACE,
        dimensions: {
          [MODULE_METRIC_DIMENSIONS.functionName]: functionName,
          [MODULE_METRIC_DIMENSIONS.version]: version,
        },
        queries: QUERIES,
        sinceMs,
        untilMs,
        resolutionSeconds,
      });
      return {
        invocations: stats.sum('requests'),
        errors: stats.sum('serverErrors'),
        clientErrors: stats.sum('clientErrors'),
        throttles: 0,
        p90Ms: stats.worst('p90'),
        p99Ms: stats.worst('p99'),
      };
    },
  };
}
