import { aliasAlarmPrefix, isAliasAlarm } from '../../contracts/alias-alarm-names.ts';
import {
  type AlarmInAlarm,
  type HealthSource,
  NO_TRAFFIC,
  type VersionHealth,
} from './version-health.ts';

/** The part of CloudWatch's DescribeAlarms the monitor uses. */
export type DescribeAlarms = (input: {
  AlarmNamePrefix: string;
  StateValue: 'ALARM';
  NextToken?: string;
}) => Promise<{
  MetricAlarms?: {
    AlarmName?: string;
    StateReason?: string;
    StateUpdatedTimestamp?: Date;
    StateTransitionedTimestamp?: Date;
  }[];
  NextToken?: string;
}>;

/**
 * The CloudWatch alarms the stacks put on each function's alias (stacks/alias-alarms.ts:
 * errors, throttles, p99 latency), read with DescribeAlarms (pass
 * `(input) => cloudwatch.send(new DescribeAlarmsCommand(input))`). One that went into
 * ALARM since the window opened is a breach (judge-health.ts); one already in ALARM
 * before the traffic moved is the stable version's, and no reason to roll back a fix.
 * It counts no traffic: the other sources do. The bake reads each source three times a
 * poll (both versions, and the step) at one `untilMs`: those reads share one
 * DescribeAlarms, whose quota is a few calls a second per account. AWS targets only: the
 * local cloud has no alarms, so the local target has no such source.
 */
export function alarmHealthSource({
  describeAlarms,
  alias,
}: {
  describeAlarms: DescribeAlarms;
  alias: string;
}): HealthSource {
  const lastRead = new Map<string, { untilMs: number; alarms: Promise<AlarmInAlarm[]> }>();
  const readOnce = (functionName: string, untilMs: number) => {
    const last = lastRead.get(functionName);
    if (last?.untilMs === untilMs) return last.alarms;
    const alarms = alarmsInAlarm(describeAlarms, functionName, alias);
    lastRead.set(functionName, { untilMs, alarms });
    return alarms;
  };
  return {
    name: 'alarms',
    async read({ functionName, sinceMs, untilMs }): Promise<VersionHealth> {
      const inAlarm = await readOnce(functionName, untilMs);
      const alarms = inAlarm.filter((alarm) => alarm.sinceMs >= sinceMs);
      return alarms.length ? { ...NO_TRAFFIC, alarms } : NO_TRAFFIC;
    },
  };
}

async function alarmsInAlarm(
  describeAlarms: DescribeAlarms,
  functionName: string,
  alias: string,
): Promise<AlarmInAlarm[]> {
  const found: AlarmInAlarm[] = [];
  let NextToken: string | undefined;
  do {
    const page = await describeAlarms({
      AlarmNamePrefix: aliasAlarmPrefix(functionName, alias),
      StateValue: 'ALARM',
      ...(NextToken ? { NextToken } : {}),
    });
    for (const alarm of page.MetricAlarms ?? []) {
      const name = alarm.AlarmName ?? '';
      if (!isAliasAlarm(name, functionName, alias)) continue;
      const since = alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp;
      found.push({
        name,
        reason: alarm.StateReason ?? 'no reason given',
        sinceMs: since?.getTime() ?? 0,
      });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}
