import type { MetricDatum } from './custom-metrics.ts';

interface MetricDirective {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: unknown;
}

/**
 * The metrics in one log line written in CloudWatch's Embedded Metric Format (a JSON
 * object whose `_aws.CloudWatchMetrics` names the namespace, dimension sets and metrics,
 * their values beside it): one datum per metric per dimension set, as CloudWatch
 * extracts them. Undefined for any other line. Like CloudWatch, it skips a metric whose
 * value is not a number (or a list of numbers), and a dimension set naming a member that
 * is not a string.
 *
 * @example
 * parseEmfLine('{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[["f"]],"Metrics":[{"Name":"Requests"}]}]},"f":"a","Requests":1}');
 * // [{ namespace: 'N', metricName: 'Requests', dimensions: { f: 'a' }, values: [1], timestampMs: 1 }]
 */
export function parseEmfLine(line: string): MetricDatum[] | undefined {
  // why: most lines are plain logs; only look closer at a JSON object that mentions _aws
  if (line.charCodeAt(0) !== 123 /* { */ || !line.includes('"_aws"')) return undefined;
  let root: Record<string, unknown>;
  try {
    root = JSON.parse(line);
  } catch {
    return undefined;
  }
  const aws = root?._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (typeof aws?.Timestamp !== 'number' || !Array.isArray(aws.CloudWatchMetrics)) return undefined;
  const timestampMs = aws.Timestamp;
  return (aws.CloudWatchMetrics as MetricDirective[]).flatMap((directive) =>
    readDirective(directive, root, timestampMs),
  );
}

function readDirective(
  directive: MetricDirective,
  root: Record<string, unknown>,
  timestampMs: number,
): MetricDatum[] {
  const { Namespace: namespace, Dimensions, Metrics } = directive;
  if (typeof namespace !== 'string' || !Array.isArray(Metrics)) return [];
  const sets = Array.isArray(Dimensions) && Dimensions.length > 0 ? Dimensions : [[]];
  const dimensionSets = sets.flatMap((set) => readDimensionSet(set, root));
  return Metrics.flatMap((metric: { Name?: unknown }) => {
    const values = readValues(root[String(metric?.Name)]);
    if (typeof metric?.Name !== 'string' || !values) return [];
    const metricName = metric.Name;
    return dimensionSets.map((dimensions) => ({
      namespace,
      metricName,
      dimensions,
      values,
      timestampMs,
    }));
  });
}

function readDimensionSet(set: unknown, root: Record<string, unknown>): Record<string, string>[] {
  if (!Array.isArray(set)) return [];
  const dimensions: Record<string, string> = {};
  for (const name of set) {
    const value = root[String(name)];
    if (typeof value !== 'string') return [];
    dimensions[String(name)] = value;
  }
  return [dimensions];
}

function readValues(value: unknown): number[] | undefined {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value;
  return undefined;
}
