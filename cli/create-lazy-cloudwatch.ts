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
  let loaded: Promise<CloudWatchSdk> | undefined;
  let client: CloudWatchSdk['CloudWatchClient']['prototype'] | undefined;
  const sdk = async () => {
    loaded ??= loadSdk();
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

type CloudWatchSdk = typeof import('@aws-sdk/client-cloudwatch');

/**
 * The SDK's exports. The bundled CLI loads a CommonJS package with require(), so its
 * chunk has only a `default` export, the package's `module.exports` (bin/build-cli.js);
 * Node and tsx give the named exports as well, and the same object as `default`.
 */
async function loadSdk(): Promise<CloudWatchSdk> {
  const loaded = (await import('@aws-sdk/client-cloudwatch')) as CloudWatchSdk & {
    default?: CloudWatchSdk;
  };
  return loaded.default ?? loaded;
}
