import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogSink } from './create-log-sink.ts';
import { createCustomMetrics } from './custom-metrics.ts';

const T0 = Date.UTC(2026, 0, 1);
const SOURCE = { functionName: 'turnout-titles', functionVersion: '3' };

function outputs() {
  const written = { stdout: '', stderr: '' };
  const stdout = new PassThrough().on('data', (c) => (written.stdout += c));
  const stderr = new PassThrough().on('data', (c) => (written.stderr += c));
  return { written, streams: { stdout, stderr } };
}

describe('createLogSink', () => {
  it('turns an EMF line into metrics, and writes no output for it', () => {
    const metrics = createCustomMetrics({ clock: { now: () => T0 } });
    const { written, streams } = outputs();
    const sink = createLogSink(metrics, streams);
    sink(
      JSON.stringify({
        _aws: {
          Timestamp: T0,
          CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [['f']], Metrics: [{ Name: 'R' }] }],
        },
        f: 'a',
        R: 1,
      }),
      'stdout',
      SOURCE,
    );
    const read = { namespace: 'N', metricName: 'R', dimensions: { f: 'a' }, stat: 'Sum' as const };
    expect(metrics.query({ ...read, start: T0, end: T0 + 1000 }).values).toEqual([1]);
    expect(written).toEqual({ stdout: '', stderr: '' });
  });

  it('passes every other line on to the stream it was written to, naming the function and version', () => {
    const { written, streams } = outputs();
    const sink = createLogSink(createCustomMetrics(), streams);
    sink('hello', 'stdout', SOURCE);
    sink('oops', 'stderr', { functionName: 'turnout-names', functionVersion: '$LATEST' });
    expect(written).toEqual({
      stdout: '[turnout-titles:3] hello\n',
      stderr: '[turnout-names:$LATEST] oops\n',
    });
  });
});
