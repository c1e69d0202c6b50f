import type { CustomMetricQuery } from './custom-metrics.ts';
import type { LambdaMetricName, MetricQuery, MetricSeries } from './metrics.ts';
import type { MetricStat } from './value-distribution.ts';

/** CloudWatch's `GetMetricData` input, the part that queries one metric per `MetricStat`. */
export interface GetMetricDataInput {
  MetricDataQueries: {
    Id: string;
    Label?: string;
    MetricStat: {
      Metric: {
        Namespace?: string;
        MetricName: string;
        Dimensions?: { Name: string; Value: string }[];
      };
      Period: number;
      Stat: string;
    };
  }[];
  StartTime: Date;
  EndTime: Date;
  ScanBy?: 'TimestampAscending' | 'TimestampDescending';
}

/** CloudWatch's `GetMetricData` output. */
export interface GetMetricDataOutput {
  MetricDataResults: {
    Id: string;
    Label: string;
    Timestamps: Date[];
    Values: number[];
    StatusCode: 'Complete';
  }[];
  Messages: never[];
}

/** Where the answers come from: Lambda's own metrics, and those functions logged in EMF. */
export interface MetricSources {
  lambda: (query: MetricQuery) => MetricSeries;
  custom?: (query: CustomMetricQuery) => MetricSeries;
}

const LAMBDA_NAMESPACE = 'AWS/Lambda';

/**
 * Answers a `GetMetricData` request in CloudWatch's response shape: `AWS/Lambda` queries
 * from the invoke metrics (by `FunctionName`, `Resource`, `ExecutedVersion`), any other
 * namespace from the metrics the functions wrote to their logs in Embedded Metric Format.
 */
export function answerGetMetricData(
  input: GetMetricDataInput,
  sources: MetricSources,
): GetMetricDataOutput {
  const MetricDataResults = input.MetricDataQueries.map(({ Id, Label, MetricStat }) => {
    const series = readSeries(MetricStat, input, sources);
    const ascending = input.ScanBy === 'TimestampAscending';
    const order = <T>(xs: T[]) => (ascending ? xs : [...xs].reverse());
    return {
      Id,
      Label: Label ?? MetricStat.Metric.MetricName,
      Timestamps: order(series.timestamps),
      Values: order(series.values),
      StatusCode: 'Complete' as const,
    };
  });
  return { MetricDataResults, Messages: [] };
}

function readSeries(
  { Metric, Period, Stat }: GetMetricDataInput['MetricDataQueries'][number]['MetricStat'],
  input: GetMetricDataInput,
  sources: MetricSources,
): MetricSeries {
  const dims = new Map(Metric.Dimensions?.map((d) => [d.Name, d.Value]));
  const window = { start: input.StartTime, end: input.EndTime, period: Period };
  const stat = Stat as MetricStat;
  if ((Metric.Namespace ?? LAMBDA_NAMESPACE) !== LAMBDA_NAMESPACE) {
    const empty = { label: `${Metric.MetricName} ${Stat}`, timestamps: [], values: [] };
    return (
      sources.custom?.({
        namespace: Metric.Namespace as string,
        metricName: Metric.MetricName,
        dimensions: Object.fromEntries(dims),
        stat,
        ...window,
      }) ?? empty
    );
  }
  const resource = dims.get('Resource');
  return sources.lambda({
    functionName: dims.get('FunctionName') ?? resource?.split(':')[0] ?? '',
    version: dims.get('ExecutedVersion'),
    qualifier: resource?.includes(':') ? resource.split(':')[1] : undefined,
    metric: Metric.MetricName as LambdaMetricName,
    stat,
    ...window,
  });
}
