import type { CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import type { DescribeAlarms } from '../control-plane/deploy/alarm-health-source.ts';
import type { GetMetricData } from '../control-plane/deploy/read-metric-stats.ts';

/** CloudWatch's two reads the bake makes, and a way to close the client if one was made. */
export interface LazyCloudWatch {
  getMetricData: GetMetricData;
  describeAlarms: DescribeAlarms;
  destroy(): void;
}

/**
 * A CloudWatch client made at the first read, not before: `turnout status` and
 * `turnout rollback` open the same environment as a deployment and never bake, and they
 * should start without loading the CloudWatch SDK.
 *
 * @example
 * const cloudwatch = createLazyCloudWatch({ region: 'us-east-1' });
 * moduleMetricsHealthSource({ getMetricData: cloudwatch.getMetricData });
 */
export function createLazyCloudWatch(config: CloudWatchClientConfig): LazyCloudWatch {
  let loaded: Promise<typeof import('@aws-sdk/client-cloudwatch')> | undefined;
  let client: import('@aws-sdk/client-cloudwatch').CloudWatchClient | undefined;
  const sdk = async () => {
    loaded ??= import('@aws-sdk/client-cloudwatch');
    const module = await loaded;
    client ??= new module.CloudWatchClient(config);
    return { module, client };
  };
  return {
    async getMetricData(input) {
      const { module, client } = await sdk();
      return client.send(new module.GetMetricDataCommand(input));
    },
    async describeAlarms(input) {
      const { module, client } = await sdk();
      return client.send(new module.DescribeAlarmsCommand(input));
    },
    destroy: () => client?.destroy(),
  };
}
