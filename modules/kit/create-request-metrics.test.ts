import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequestMetrics } from './create-request-metrics.ts';

const IN_LAMBDA = { AWS_LAMBDA_FUNCTION_NAME: 'turnout-alerts', AWS_LAMBDA_FUNCTION_VERSION: '7' };

/** The JSON lines written to stdout while `run` runs: where Lambda's log gets EMF. */
function writtenLines(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    write.mockRestore();
  }
  return lines.map((line) => JSON.parse(line));
}

afterEach(() => vi.restoreAllMocks());

describe('createRequestMetrics', () => {
  it('writes one EMF record per request, dimensioned by function and version', () => {
    const metrics = createRequestMetrics(IN_LAMBDA);
    const [record, ...more] = writtenLines(() => metrics.record('server-error', 12.345));
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      FunctionName: 'turnout-alerts',
      ExecutedVersion: '7',
      Requests: 1,
      ServerErrors: 1,
      ClientErrors: 0,
      Latency: 12.35,
    });
    expect(record?._aws).toMatchObject({
      CloudWatchMetrics: [
        {
          Namespace: 'Turnout/Modules',
          Dimensions: [['FunctionName', 'ExecutedVersion']],
          Metrics: [
            { Name: 'Requests', Unit: 'Count' },
            { Name: 'ServerErrors', Unit: 'Count' },
            { Name: 'ClientErrors', Unit: 'Count' },
            { Name: 'Latency', Unit: 'Milliseconds' },
          ],
        },
      ],
    });
  });

  it('starts every request afresh, so one record never carries another request', () => {
    const metrics = createRequestMetrics(IN_LAMBDA);
    const records = writtenLines(() => {
      metrics.record('client-error', 1);
      metrics.record('ok', 2);
    });
    expect(records.map((r) => [r.Requests, r.ClientErrors, r.Latency])).toEqual([
      [1, 1, 1],
      [1, 0, 2],
    ]);
  });

  it('names $LATEST when Lambda names no version', () => {
    const metrics = createRequestMetrics({ AWS_LAMBDA_FUNCTION_NAME: 'turnout-alerts' });
    const [record] = writtenLines(() => metrics.record('ok', 1));
    expect(record?.ExecutedVersion).toBe('$LATEST');
  });

  it('records nothing outside Lambda, so tests and tools keep a clean output', () => {
    const metrics = createRequestMetrics({});
    expect(writtenLines(() => metrics.record('server-error', 1))).toEqual([]);
  });
});
