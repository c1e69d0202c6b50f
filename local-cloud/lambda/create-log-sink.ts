import type { CustomMetrics } from './custom-metrics.ts';
import { parseEmfLine } from './parse-emf-line.ts';

/** The function version whose environment wrote a log line. */
export interface LogSource {
  functionName: string;
  functionVersion: string;
}

/** Where a function's log lines go: one call per line, with the stream it was written to and who wrote it. */
export type LogSink = (line: string, stream: 'stdout' | 'stderr', source: LogSource) => void;

/**
 * A log line as a person reads it among every function's: `[turnout-titles:3] text`.
 * In AWS each function's lines go to its own log group; here they share one terminal.
 */
export function labelLogLine(line: string, { functionName, functionVersion }: LogSource): string {
  return `[${functionName}:${functionVersion}] ${line}`;
}

/**
 * What the local Lambda does with its functions' log lines, standing in for CloudWatch
 * Logs: a line in Embedded Metric Format becomes metrics (served through GetMetricData),
 * as CloudWatch extracts them in AWS; every other line goes on to this process's own
 * output, where a developer reads it, labelled with the function and version that wrote
 * it (`labelLogLine`). EMF lines are not echoed: a handler writes one per request, which
 * would bury the lines written for people.
 *
 * @example
 * const sink = createLogSink(createCustomMetrics());
 * sink('{"_aws":{...},"Requests":1}', 'stdout', source); // a metric, no output
 * sink('looking up tt0089374', 'stdout', source); // [turnout-titles:3] looking up tt0089374
 */
export function createLogSink(
  metrics: CustomMetrics,
  output: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): LogSink {
  return (line, stream, source) => {
    const data = parseEmfLine(line);
    if (data) for (const datum of data) metrics.put(datum);
    else output[stream].write(`${labelLogLine(line, source)}\n`);
  };
}
