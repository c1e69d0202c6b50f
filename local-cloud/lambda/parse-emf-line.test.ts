import { describe, expect, it } from 'vitest';
import { parseEmfLine } from './parse-emf-line.ts';

/** A line as Powertools' Metrics writes it for one kit request. */
const POWERTOOLS_LINE = JSON.stringify({
  _aws: {
    Timestamp: 1_796_608_758_283,
    CloudWatchMetrics: [
      {
        Namespace: 'Turnout/Modules',
        Dimensions: [['FunctionName', 'ExecutedVersion']],
        Metrics: [
          { Name: 'Requests', Unit: 'Count' },
          { Name: 'ServerErrors', Unit: 'Count' },
          { Name: 'Latency', Unit: 'Milliseconds' },
        ],
      },
    ],
  },
  FunctionName: 'turnout-alerts',
  ExecutedVersion: '3',
  Requests: 1,
  ServerErrors: 1,
  Latency: 1.23,
});

describe('parseEmfLine', () => {
  it('reads each metric of a Powertools line with its dimensions and time', () => {
    const dimensions = { FunctionName: 'turnout-alerts', ExecutedVersion: '3' };
    const common = { namespace: 'Turnout/Modules', dimensions, timestampMs: 1_796_608_758_283 };
    expect(parseEmfLine(POWERTOOLS_LINE)).toEqual([
      { ...common, metricName: 'Requests', values: [1] },
      { ...common, metricName: 'ServerErrors', values: [1] },
      { ...common, metricName: 'Latency', values: [1.23] },
    ]);
  });

  it('gives a metric once per dimension set, and every value of a list', () => {
    const line = JSON.stringify({
      _aws: {
        Timestamp: 5,
        CloudWatchMetrics: [
          { Namespace: 'N', Dimensions: [['f'], ['f', 'v']], Metrics: [{ Name: 'Latency' }] },
        ],
      },
      f: 'a',
      v: '1',
      Latency: [3, 4],
    });
    expect(parseEmfLine(line)?.map((d) => [d.dimensions, d.values])).toEqual([
      [{ f: 'a' }, [3, 4]],
      [{ f: 'a', v: '1' }, [3, 4]],
    ]);
  });

  it('skips what CloudWatch would not extract: a value that is no number, a dimension that is no string', () => {
    const line = JSON.stringify({
      _aws: {
        Timestamp: 5,
        CloudWatchMetrics: [
          { Namespace: 'N', Dimensions: [['f'], ['n']], Metrics: [{ Name: 'A' }, { Name: 'B' }] },
        ],
      },
      f: 'a',
      n: 7,
      A: 'one',
      B: 2,
    });
    expect(parseEmfLine(line)).toEqual([
      { namespace: 'N', metricName: 'B', dimensions: { f: 'a' }, values: [2], timestampMs: 5 },
    ]);
  });

  it('leaves plain log lines, JSON logs and broken JSON alone', () => {
    expect(parseEmfLine('listening on 3000')).toBeUndefined();
    expect(parseEmfLine('{"level":"info","msg":"hi"}')).toBeUndefined();
    expect(parseEmfLine('{"_aws": nope')).toBeUndefined();
    expect(parseEmfLine('{"_aws":{"CloudWatchMetrics":[]}}')).toBeUndefined();
  });
});
