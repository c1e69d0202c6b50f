import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  MODULE_METRIC_DIMENSIONS,
  MODULE_METRICS,
  MODULE_METRICS_NAMESPACE,
} from '../../contracts/module-metrics.ts';
import type { RequestOutcome } from './request-outcome.ts';

/** Publishes one metrics record per request the handler answers (contract 6). */
export interface RequestMetrics {
  record(outcome: RequestOutcome, latencyMs: number): void;
}

const NOT_IN_LAMBDA: RequestMetrics = { record() {} };

/**
 * The kit handlers' per-request metrics (contracts/module-metrics.ts), written as
 * CloudWatch Embedded Metric Format lines to the function's log by Powertools for AWS
 * Lambda: CloudWatch turns them into metrics in AWS, the local Lambda does the same
 * from its workers' output. Outside Lambda (no `AWS_LAMBDA_FUNCTION_NAME`, e.g. a test
 * that calls a handler) it records nothing, so no one's output fills with EMF.
 *
 * @example
 * const metrics = createRequestMetrics();
 * metrics.record('server-error', 12.5);
 */
export function createRequestMetrics(env: NodeJS.ProcessEnv = process.env): RequestMetrics {
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME;
  if (!functionName) return NOT_IN_LAMBDA;
  const metrics = new Metrics({ namespace: MODULE_METRICS_NAMESPACE });
  // Powertools adds a `service` dimension by default; the readers ask for this set alone.
  metrics.clearDefaultDimensions();
  metrics.setDefaultDimensions({
    [MODULE_METRIC_DIMENSIONS.functionName]: functionName,
    [MODULE_METRIC_DIMENSIONS.version]: env.AWS_LAMBDA_FUNCTION_VERSION || '$LATEST',
  });
  return {
    record(outcome, latencyMs) {
      // Zeros too: every request then has one value of each, so a metric's Average is its rate.
      metrics.addMetric(MODULE_METRICS.requests, MetricUnit.Count, 1);
      metrics.addMetric(
        MODULE_METRICS.serverErrors,
        MetricUnit.Count,
        count(outcome, 'server-error'),
      );
      metrics.addMetric(
        MODULE_METRICS.clientErrors,
        MetricUnit.Count,
        count(outcome, 'client-error'),
      );
      // A hundredth of a millisecond is finer than any threshold, and keeps the line short.
      metrics.addMetric(
        MODULE_METRICS.latency,
        MetricUnit.Milliseconds,
        Math.round(latencyMs * 100) / 100,
      );
      // Flushed per request: Lambda may freeze the environment as soon as the handler returns.
      metrics.publishStoredMetrics();
    },
  };
}

const count = (outcome: RequestOutcome, kind: RequestOutcome) => (outcome === kind ? 1 : 0);
