import { describe, expect, it } from 'vitest';
import { formatRegionsReport } from './build-regions-report.ts';

describe('formatRegionsReport', () => {
  it("says where AWS's figures came from: CloudWatch's metrics and the gateway's liveness", () => {
    const text = formatRegionsReport({
      regions: [
        {
          region: 'us-east-1',
          routingControl: 'On',
          health: 'healthy',
          healthFrom: 'GET https://abc.execute-api.us-east-1.amazonaws.com/_turnout/live',
          gateway: {
            requests: 1200,
            errorRate: 0.015,
            p50Ms: 41,
            p99Ms: 380,
            windowSeconds: 300,
            source: 'AWS/ApiGateway ApiId=abc',
          },
          modules: [{ module: 'hello', liveVersion: '4' }],
        },
        { region: 'us-west-2', routingControl: 'Off', health: 'unknown', modules: [] },
      ],
    });
    expect(text).toContain(
      'us-east-1  routing control On  health healthy (GET https://abc.execute-api.us-east-1.amazonaws.com/_turnout/live)',
    );
    expect(text).toContain(
      'gateway: 1200 requests in the last 5 min, 1.5% errors, p50 41 ms p99 380 ms (CloudWatch AWS/ApiGateway ApiId=abc)',
    );
    expect(text).toContain('us-west-2  routing control Off  health unknown');
    expect(text).toContain('no traffic figures');
  });
});
