/** The part of CloudWatch's GetMetricData the monitor uses (the local Lambda answers it too). */
export type GetMetricData = (input: {
  MetricDataQueries: {
    Id: string;
    MetricStat: {
      Metric: {
        Namespace: string;
        MetricName: string;
        Dimensions: { Name: string; Value: string }[];
      };
      Period: number;
      Stat: string;
    };
  }[];
  StartTime: Date;
  EndTime: Date;
}) =>
  | Promise<{ MetricDataResults?: { Id?: string; Values?: number[] }[] }>
  | { MetricDataResults?: { Id?: string; Values?: number[] }[] };

/** One statistic of one metric, named by `id`. */
export interface MetricStatQuery {
  id: string;
  metric: string;
  stat: string;
}

/** What came back: a statistic added up over the window, or its worst datapoint. */
export interface MetricStats {
  sum(id: string): number;
  /** Undefined when the window holds no datapoint. */
  worst(id: string): number | undefined;
}

/**
 * Reads statistics of one metric series (a namespace and its exact dimensions) over a
 * window, in one GetMetricData call. One datapoint per query covers the whole window, so
 * a percentile is over the window: the period is the window rounded up to the metrics'
 * finest resolution (60 s for CloudWatch's standard ones, 1 s for the local Lambda's).
 */
export async function readMetricStats(
  getMetricData: GetMetricData,
  {
    namespace,
    dimensions,
    queries,
    sinceMs,
    untilMs,
    resolutionSeconds,
  }: {
    namespace: string;
    dimensions: Record<string, string>;
    queries: readonly MetricStatQuery[];
    sinceMs: number;
    untilMs: number;
    resolutionSeconds: number;
  },
): Promise<MetricStats> {
  const windowSeconds = Math.max(1, Math.ceil((untilMs - sinceMs) / 1000));
  const period = Math.ceil(windowSeconds / resolutionSeconds) * resolutionSeconds;
  const Dimensions = Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));
  const { MetricDataResults = [] } = await getMetricData({
    MetricDataQueries: queries.map((q) => ({
      Id: q.id,
      MetricStat: {
        Metric: { Namespace: namespace, MetricName: q.metric, Dimensions },
        Period: period,
        Stat: q.stat,
      },
    })),
    StartTime: new Date(sinceMs),
    EndTime: new Date(untilMs),
  });
  const values = (id: string) => MetricDataResults.find((r) => r.Id === id)?.Values ?? [];
  return {
    sum: (id) => values(id).reduce((a, b) => a + b, 0),
    worst: (id) => (values(id).length ? Math.max(...values(id)) : undefined),
  };
}
