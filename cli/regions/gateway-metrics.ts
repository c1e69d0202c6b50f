import {
  type GetMetricData,
  readMetricStats,
} from '../../control-plane/deploy/read-metric-stats.ts';
import { functionName } from '../../modules/kit/index.ts';

/**
 * Where one Region's gateway figures live in CloudWatch: API Gateway's own metrics of the
 * HTTP API (`AWS/ApiGateway` by `ApiId`: every request, the 5xx answers, the latency the
 * client saw) when the Region's gateway URL is the API's `execute-api` address, else the
 * gateway function's `AWS/Lambda` metrics (invocations, errors, duration), which any
 * custom domain still has: the function's name follows from the resource prefix.
 */
export interface GatewayMetricsSource {
  namespace: 'AWS/ApiGateway' | 'AWS/Lambda';
  dimensions: Record<string, string>;
  requests: string;
  errors: string;
  latency: string;
  /** Finest period CloudWatch keeps for these metrics (60 s in AWS, 1 s for the local Lambda). */
  resolutionSeconds: number;
}

/** The gateway's figures over a window, as `turnout regions` shows them. */
export interface GatewayFigures {
  requests: number;
  errorRate: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Which CloudWatch metrics they are, for the reader: e.g. `AWS/ApiGateway ApiId=abc123`. */
  source: string;
}

const EXECUTE_API_HOST = /^([a-z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/;

/**
 * The source for one Region of a pipeline definition.
 *
 * @example
 * gatewayMetricsSource({ gatewayUrls: ['https://abc123.execute-api.us-east-1.amazonaws.com'], resourcePrefix: 'turnout' });
 * // { namespace: 'AWS/ApiGateway', dimensions: { ApiId: 'abc123' }, ... }
 */
export function gatewayMetricsSource(options: {
  gatewayUrls: readonly string[];
  resourcePrefix: string;
  resolutionSeconds?: number;
}): GatewayMetricsSource {
  const resolutionSeconds = options.resolutionSeconds ?? 60;
  const apiId = options.gatewayUrls
    .map((url) => URL.canParse(url) && new URL(url).hostname.match(EXECUTE_API_HOST)?.[1])
    .find(Boolean);
  if (apiId)
    return {
      namespace: 'AWS/ApiGateway',
      dimensions: { ApiId: apiId },
      requests: 'Count',
      errors: '5xx',
      latency: 'Latency',
      resolutionSeconds,
    };
  return {
    namespace: 'AWS/Lambda',
    dimensions: { FunctionName: functionName('gateway', options.resourcePrefix) },
    requests: 'Invocations',
    errors: 'Errors',
    latency: 'Duration',
    resolutionSeconds,
  };
}

export function describeSource(source: GatewayMetricsSource): string {
  const dims = Object.entries(source.dimensions).map(([k, v]) => `${k}=${v}`);
  return [source.namespace, ...dims].join(' ');
}

/** Requests, error rate and latency percentiles over the last `windowMs`, in one call. */
export async function readGatewayFigures(
  getMetricData: GetMetricData,
  source: GatewayMetricsSource,
  windowMs: number,
  now = Date.now(),
): Promise<GatewayFigures> {
  const stats = await readMetricStats(getMetricData, {
    namespace: source.namespace,
    dimensions: source.dimensions,
    queries: [
      { id: 'requests', metric: source.requests, stat: 'Sum' },
      { id: 'errors', metric: source.errors, stat: 'Sum' },
      { id: 'p50', metric: source.latency, stat: 'p50' },
      { id: 'p99', metric: source.latency, stat: 'p99' },
    ],
    sinceMs: now - windowMs,
    untilMs: now,
    resolutionSeconds: source.resolutionSeconds,
  });
  const requests = stats.sum('requests');
  const p50 = stats.worst('p50');
  const p99 = stats.worst('p99');
  return {
    requests,
    errorRate: requests ? stats.sum('errors') / requests : 0,
    ...(p50 === undefined ? {} : { p50Ms: p50 }),
    ...(p99 === undefined ? {} : { p99Ms: p99 }),
    source: describeSource(source),
  };
}

/** Each period's request count between two instants, oldest first; periods without data are left out, as CloudWatch does. */
export async function readRequestCounts(
  getMetricData: GetMetricData,
  source: GatewayMetricsSource,
  sinceMs: number,
  untilMs: number,
): Promise<{ at: number; requests: number }[]> {
  const { MetricDataResults = [] } = (await getMetricData({
    MetricDataQueries: [
      {
        Id: 'requests',
        MetricStat: {
          Metric: {
            Namespace: source.namespace,
            MetricName: source.requests,
            Dimensions: Object.entries(source.dimensions).map(([Name, Value]) => ({ Name, Value })),
          },
          Period: source.resolutionSeconds,
          Stat: 'Sum',
        },
      },
    ],
    StartTime: new Date(sinceMs),
    EndTime: new Date(untilMs),
  })) as { MetricDataResults?: { Id?: string; Values?: number[]; Timestamps?: Date[] }[] };
  const result = MetricDataResults.find((r) => r.Id === 'requests');
  const values = result?.Values ?? [];
  return (result?.Timestamps ?? [])
    .map((t, i) => ({ at: new Date(t).getTime(), requests: values[i] ?? 0 }))
    .sort((a, b) => a.at - b.at);
}
