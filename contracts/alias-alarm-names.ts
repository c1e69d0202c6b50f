/**
 * Names of the CloudWatch alarms on a function's alias: the stacks create them
 * (stacks/alias-alarms.ts), the deployment's bake finds them by the prefix
 * (control-plane/deploy/alarm-health-source.ts). One rule, so each finds what the other made.
 */

/**
 * What every alarm on the alias is called, e.g. `turnout-ratings-live-errors`. `alarm`
 * has no dash, so `turnout-ratings-live-feed`'s alarms never pass for `turnout-ratings`'.
 */
export function aliasAlarmName(functionName: string, alias: string, alarm: string): string {
  if (alarm.includes('-'))
    throw new RangeError(
      `An alias alarm's own name has no dash: use "${alarm.replaceAll('-', '')}".`,
    );
  return `${aliasAlarmPrefix(functionName, alias)}${alarm}`;
}

/** Whether `name` is one of the alias' alarms. */
export function isAliasAlarm(name: string, functionName: string, alias: string): boolean {
  const prefix = aliasAlarmPrefix(functionName, alias);
  return name.startsWith(prefix) && !name.slice(prefix.length).includes('-');
}

/** What the names of the alias' alarms, and no other function's, start with. */
export function aliasAlarmPrefix(functionName: string, alias: string): string {
  return `${functionName}-${alias}-`;
}
