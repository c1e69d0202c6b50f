import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../local-cloud/lambda/metrics.ts';
import { gatewayMetricsSource, readGatewayFigures } from './gateway-metrics.ts';
import { watchRequestsStop } from './watch-requests-stop.ts';

// The queries run against the local Lambda's own GetMetricData (the one `turnout dev`
// serves CloudWatch's API with), called in process: no server needed to read what it recorded.
const source = (functionName: string) => ({
  namespace: 'AWS/Lambda' as const,
  dimensions: { FunctionName: functionName },
  requests: 'Invocations',
  errors: 'Errors',
  latency: 'Duration',
  resolutionSeconds: 1,
});

describe('gatewayMetricsSource', () => {
  it("reads API Gateway's metrics by ApiId when the gateway URL is the API's execute-api address", () => {
    expect(
      gatewayMetricsSource({
        gatewayUrls: ['https://a1b2c3d4e5.execute-api.us-west-2.amazonaws.com/'],
        resourcePrefix: 'turnout',
      }),
    ).toEqual({
      namespace: 'AWS/ApiGateway',
      dimensions: { ApiId: 'a1b2c3d4e5' },
      requests: 'Count',
      errors: '5xx',
      latency: 'Latency',
      resolutionSeconds: 60,
    });
  });

  it("reads the gateway function's metrics behind a custom domain, named by the resource prefix", () => {
    expect(
      gatewayMetricsSource({
        gatewayUrls: ['https://use1.api.example.com', 'not a url'],
        resourcePrefix: 'turnoutstaging',
      }),
    ).toMatchObject({
      namespace: 'AWS/Lambda',
      dimensions: { FunctionName: 'turnoutstaging-gateway' },
      requests: 'Invocations',
    });
  });
});

describe('readGatewayFigures', () => {
  it('adds up requests and errors and takes the latency percentiles over the window', async () => {
    const metrics = createMetrics();
    for (let i = 0; i < 40; i++)
      metrics.record({
        functionName: 'turnout-gateway',
        qualifier: 'live',
        version: '3',
        outcome: i < 4 ? 'error' : 'success',
        durationMs: i < 36 ? 10 : 500,
      });
    metrics.record({
      functionName: 'turnout-other',
      qualifier: 'live',
      version: '1',
      outcome: 'error',
    });
    const figures = await readGatewayFigures(
      metrics.getMetricData,
      source('turnout-gateway'),
      60_000,
      Date.now() + 1_000,
    );
    expect(figures).toMatchObject({
      requests: 40,
      errorRate: 0.1,
      source: 'AWS/Lambda FunctionName=turnout-gateway',
    });
    expect(figures.p50Ms).toBeCloseTo(10, 0);
    expect(figures.p99Ms).toBeGreaterThan(400);
  });

  it('says zero requests and gives no percentiles when the window is empty', async () => {
    const figures = await readGatewayFigures(createMetrics().getMetricData, source('x'), 60_000);
    expect(figures).toEqual({ requests: 0, errorRate: 0, source: 'AWS/Lambda FunctionName=x' });
  });
});

describe('watchRequestsStop', () => {
  const hit = (metrics: ReturnType<typeof createMetrics>, functionName: string) =>
    metrics.record({
      functionName,
      qualifier: 'live',
      version: '1',
      outcome: 'success',
      durationMs: 1,
    });

  it("reports when the old Region's requests stopped, and that one still receiving is", async () => {
    const metrics = createMetrics();
    hit(metrics, 'east');
    const switchedAt = Date.now();
    // us-east-1 stops at the switch; us-west-2 keeps taking requests throughout.
    const busy = setInterval(() => hit(metrics, 'west'), 50);
    try {
      const watch = await watchRequestsStop(
        [{ region: 'us-east-1', getMetricData: metrics.getMetricData, source: source('east') }],
        { switchedAt, watchMs: 30_000, settleMs: 1_000, pollMs: 100 },
      );
      expect(watch.stillReceiving).toBeUndefined();
      // At most the end of the switch's own one-second period.
      expect(watch.stoppedAfterMs).toBeLessThanOrEqual(1_000);
      expect(watch.resolutionMs).toBe(1_000);

      const west = await watchRequestsStop(
        [{ region: 'us-west-2', getMetricData: metrics.getMetricData, source: source('west') }],
        { switchedAt: Date.now() - 1_500, watchMs: 2_500, settleMs: 1_000, pollMs: 100 },
      );
      expect(west.stoppedAfterMs).toBeUndefined();
      expect(west.stillReceiving?.[0]).toMatchObject({ region: 'us-west-2' });
      expect(west.stillReceiving?.[0]?.requests).toBeGreaterThan(0);
    } finally {
      clearInterval(busy);
    }
  }, 60_000);

  it('says it cannot tell yet rather than "stopped" while no period after the switch has settled', async () => {
    const metrics = createMetrics();
    const watch = await watchRequestsStop(
      [{ region: 'us-east-1', getMetricData: metrics.getMetricData, source: source('east') }],
      { switchedAt: Date.now(), watchMs: 0, settleMs: 120_000 },
    );
    expect(watch).toMatchObject({ notYetKnown: ['us-east-1'] });
    expect(watch.stoppedAfterMs).toBeUndefined();
  });

  it('stops at Ctrl-C (an aborted signal), saying it was interrupted', async () => {
    const metrics = createMetrics();
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 300);
    const watch = await watchRequestsStop(
      [{ region: 'us-east-1', getMetricData: metrics.getMetricData, source: source('east') }],
      { switchedAt: Date.now(), watchMs: 600_000, settleMs: 120_000, signal: interrupt.signal },
    );
    expect(watch).toMatchObject({ interrupted: true, notYetKnown: ['us-east-1'] });
  }, 60_000);
});
