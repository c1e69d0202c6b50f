import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import { aliasAlarmName } from '../contracts/alias-alarm-names.ts';
import { LIVE_ALIAS } from '../modules/kit/index.ts';

/**
 * When an alias is unhealthy. The pipeline's bake reads these alarms in AWS
 * (control-plane/deploy/alarm-health-source.ts): one that goes into ALARM during a
 * deployment rolls it back.
 */
export interface AliasAlarmThresholds {
  /**
   * Failed invokes over invokes, per minute.
   * @default 0.01
   */
  errorRate?: number;
  /**
   * Throttled invokes per minute.
   * @default 1
   */
  throttles?: number;
  /**
   * p99 duration per minute, in milliseconds.
   * @default 80% of the function timeout
   */
  p99LatencyMs?: number;
}

export interface AliasAlarmsArgs {
  /** The physical function name. */
  functionName: string;
  timeoutSeconds: number;
  thresholds?: AliasAlarmThresholds;
  /**
   * What an alarm notifies when it goes into ALARM and back to OK: the environment's
   * alarm topic (stacks/alarm-topic.ts).
   */
  alarmActions: pulumi.Input<string>[];
}

export interface AliasAlarms {
  errors: aws.cloudwatch.MetricAlarm;
  throttles: aws.cloudwatch.MetricAlarm;
  latency: aws.cloudwatch.MetricAlarm;
}

/**
 * CloudWatch alarms on the `live` alias (errors, throttles, p99 latency), one minute
 * at a time, so a bad version trips them within the bake. Each notifies `alarmActions`
 * when it goes into ALARM and when it is OK again, so whoever was told hears it is over.
 *
 * @example
 * createAliasAlarms({ functionName: 'turnout-ratings', timeoutSeconds: 10, alarmActions: [topicArn] }, { parent });
 */
export function createAliasAlarms(
  args: AliasAlarmsArgs,
  opts: pulumi.CustomResourceOptions,
): AliasAlarms {
  const thresholds = normalizeThresholds(args);
  // Lambda reports an alias's metrics under this dimension pair.
  const dimensions = {
    FunctionName: args.functionName,
    Resource: `${args.functionName}:${LIVE_ALIAS}`,
  };
  const common = {
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
    alarmActions: args.alarmActions,
    okActions: args.alarmActions,
  };
  const metric = (metricName: string, stat: string) => ({
    namespace: 'AWS/Lambda',
    metricName,
    dimensions,
    period: 60,
    stat,
  });
  const errors = new aws.cloudwatch.MetricAlarm(
    'AlarmErrors',
    {
      ...common,
      name: aliasAlarmName(args.functionName, LIVE_ALIAS, 'errors'),
      alarmDescription: `Error rate of ${args.functionName}:${LIVE_ALIAS} at or above ${thresholds.errorRate}.`,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: thresholds.errorRate,
      metricQueries: [
        { id: 'errors', metric: metric('Errors', 'Sum') },
        { id: 'invocations', metric: metric('Invocations', 'Sum') },
        {
          id: 'errorRate',
          expression: 'IF(invocations > 0, errors / invocations, 0)',
          label: 'Error rate',
          returnData: true,
        },
      ],
    },
    opts,
  );
  const throttles = new aws.cloudwatch.MetricAlarm(
    'AlarmThrottles',
    {
      ...common,
      name: aliasAlarmName(args.functionName, LIVE_ALIAS, 'throttles'),
      alarmDescription: `Throttles of ${args.functionName}:${LIVE_ALIAS}.`,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: thresholds.throttles,
      namespace: 'AWS/Lambda',
      metricName: 'Throttles',
      dimensions,
      period: 60,
      statistic: 'Sum',
    },
    opts,
  );
  const latency = new aws.cloudwatch.MetricAlarm(
    'AlarmLatency',
    {
      ...common,
      name: aliasAlarmName(args.functionName, LIVE_ALIAS, 'latency'),
      alarmDescription: `p99 duration of ${args.functionName}:${LIVE_ALIAS} above ${thresholds.p99LatencyMs} ms.`,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: thresholds.p99LatencyMs,
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions,
      period: 60,
      extendedStatistic: 'p99',
    },
    opts,
  );
  return { errors, throttles, latency };
}

function normalizeThresholds(args: AliasAlarmsArgs): Required<AliasAlarmThresholds> {
  return {
    errorRate: args.thresholds?.errorRate ?? 0.01,
    throttles: args.thresholds?.throttles ?? 1,
    p99LatencyMs: args.thresholds?.p99LatencyMs ?? args.timeoutSeconds * 1000 * 0.8,
  };
}
