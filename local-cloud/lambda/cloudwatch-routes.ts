import { UnsupportedOperationError } from './errors.ts';
import type { GetMetricDataInput, GetMetricDataOutput } from './get-metric-data.ts';
import { type ApiRequest, bodyOf, type Route, route } from './routes.ts';

const GET_METRIC_DATA = 'GraniteServiceVersion20100801.GetMetricData';

/** `GetMetricData` as the SDK's JSON protocol sends it: times in epoch seconds. */
type JsonInput = Omit<GetMetricDataInput, 'StartTime' | 'EndTime'> & {
  StartTime: number;
  EndTime: number;
};

/**
 * CloudWatch's `GetMetricData`, as `@aws-sdk/client-cloudwatch` sends it (AWS JSON 1.0:
 * `POST /` with `X-Amz-Target`), served beside the Lambda API because the metrics are
 * the local Lambda's: point a `CloudWatchClient` at the local Lambda's endpoint. No
 * other CloudWatch operation is served: there are no alarms locally.
 */
export function createCloudWatchRoutes(
  getMetricData: (input: GetMetricDataInput) => GetMetricDataOutput,
): Route[] {
  return [
    route('POST', '/', (r) => {
      const target = header(r, 'x-amz-target') ?? '';
      if (target !== GET_METRIC_DATA) {
        throw new UnsupportedOperationError('POST', `/ (CloudWatch ${target.split('.').pop()})`);
      }
      const input = bodyOf<JsonInput>(r);
      const output = getMetricData({
        ...input,
        StartTime: new Date(input.StartTime * 1000),
        EndTime: new Date(input.EndTime * 1000),
      });
      const MetricDataResults = output.MetricDataResults.map((result) => ({
        ...result,
        Timestamps: result.Timestamps.map((time) => time.getTime() / 1000),
      }));
      return {
        status: 200,
        json: { ...output, MetricDataResults },
        headers: { 'content-type': 'application/x-amz-json-1.0' },
      };
    }),
  ];
}

function header(r: ApiRequest, name: string): string | undefined {
  const value = r.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
