import type { CustomMetrics } from './custom-metrics.ts';
import { parseEmfLine } from './parse-emf-line.ts';

/** Where a function's log lines go: one call per line, and the stream it was written to. */
export type LogSink = (line: string, stream: 'stdout' | 'stderr') => void;

/**
 * What the local Lambda does with its functions' log lines, standing in for CloudWatch
 * Logs: a line in Embedded Metric Format becomes metrics (served through GetMetricData),
 * as CloudWatch extracts them in AWS; every other line goes on to this process's own
 * output, where a developer reads it. EMF lines are not echoed: a handler writes one
 * per request, which would bury the lines written for people.
 *
 * @example
 * const sink = createLogSink(createCustomMetrics());
 * sink('{"_aws":{...},"Requests":1}', 'stdout'); // a metric, no output
 */
export function createLogSink(
  metrics: CustomMetrics,
  output: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): LogSink {
  return (line, stream) => {
    const data = parseEmfLine(line);
    if (data) for (const datum of data) metrics.put(datum);
    else output[stream].write(`${line}\n`);
  };
}
