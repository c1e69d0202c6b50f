import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogSink } from '../../local-cloud/lambda/create-log-sink.ts';
import { createCustomMetrics } from '../../local-cloud/lambda/custom-metrics.ts';
import { answerGetMetricData } from '../../local-cloud/lambda/get-metric-data.ts';
import { createMetrics } from '../../local-cloud/lambda/metrics.ts';
import { createRequestMetrics } from '../../modules/kit/create-request-metrics.ts';
import type { RequestOutcome } from '../../modules/kit/request-outcome.ts';
import { judgeHealth } from './judge-health.ts';
import { moduleMetricsHealthSource } from './module-metrics-health-source.ts';

/**
 * What a version's handlers wrote to their log, as EMF lines from the kit's own metrics,
 * taken in by the local Lambda's log sink: the path CloudWatch takes in AWS, in process.
 */
function versionLogs() {
  const metrics = createCustomMetrics();
  const sink = createLogSink(metrics);
  const lambda = createMetrics();
  const getMetricData = (input: Parameters<typeof answerGetMetricData>[0]) =>
    answerGetMetricData(input, { lambda: lambda.query, custom: metrics.query });
  return {
    getMetricData,
    serve(version: string, outcomes: [RequestOutcome, number][]) {
      const env = {
        AWS_LAMBDA_FUNCTION_NAME: 'turnout-alerts',
        AWS_LAMBDA_FUNCTION_VERSION: version,
      };
      const kit = createRequestMetrics(env);
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        for (const line of String(chunk).split('\n').filter(Boolean)) {
          sink(line, 'stdout', {
            functionName: env.AWS_LAMBDA_FUNCTION_NAME,
            functionVersion: version,
          });
        }
        return true;
      });
      for (const [outcome, ms] of outcomes) kit.record(outcome, ms);
      write.mockRestore();
    },
  };
}

afterEach(() => vi.restoreAllMocks());

const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

describe('moduleMetricsHealthSource', () => {
  it("reads one version's requests, server errors, client errors and latency", async () => {
    const logs = versionLogs();
    logs.serve('4', [
      ...times<[RequestOutcome, number]>(7, ['ok', 10]),
      ['server-error', 30],
      ['server-error', 30],
      ['client-error', 5],
    ]);
    logs.serve('3', times(5, ['ok', 10]));
    const source = moduleMetricsHealthSource({
      getMetricData: logs.getMetricData,
      resolutionSeconds: 1,
    });
    const now = Date.now();
    const health = await source.read({
      functionName: 'turnout-alerts',
      version: '4',
      sinceMs: now - 10_000,
      untilMs: now + 1_000,
    });
    expect(health).toMatchObject({ invocations: 10, errors: 2, clientErrors: 1, throttles: 0 });
    expect(health.p99Ms).toBeCloseTo(30, 0);
  });

  it('shows a version that answers 500 to everything as failing, though Lambda saw no error', async () => {
    const logs = versionLogs();
    logs.serve('4', times(20, ['server-error', 2]));
    logs.serve('3', times(80, ['ok', 2]));
    const source = moduleMetricsHealthSource({
      getMetricData: logs.getMetricData,
      resolutionSeconds: 1,
    });
    const now = Date.now();
    const read = (version: string) =>
      source.read({
        functionName: 'turnout-alerts',
        version,
        sinceMs: now - 10_000,
        untilMs: now + 1_000,
      });
    expect(judgeHealth(await read('4'), await read('3'))).toMatchObject({
      verdict: 'breach',
      reason: expect.stringContaining('error rate 100.0% (20/20)'),
    });
  });
});
