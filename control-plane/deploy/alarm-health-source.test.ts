import { describe, expect, it } from 'vitest';
import { alarmHealthSource, type DescribeAlarms } from './alarm-health-source.ts';
import { type BakeTiming, bake } from './bake.ts';
import type { DeployTarget } from './deploy-target.ts';
import { DEFAULT_THRESHOLDS } from './judge-health.ts';

// why a fake: the local cloud emulates no CloudWatch alarms (there are none locally), and
// DescribeAlarms is one call whose answer is plain data; this one answers as CloudWatch
// does, prefix and state filter and pages included, without HTTP.
function cloudWatchAlarms(
  alarms: { AlarmName: string; StateValue: 'OK' | 'ALARM'; sinceMs: number }[],
  pageSize = 2,
) {
  const calls: Parameters<DescribeAlarms>[0][] = [];
  const describeAlarms: DescribeAlarms = async (input) => {
    calls.push(input);
    const matching = alarms.filter(
      (a) => a.AlarmName.startsWith(input.AlarmNamePrefix) && a.StateValue === input.StateValue,
    );
    const from = Number(input.NextToken ?? 0);
    const page = matching.slice(from, from + pageSize);
    return {
      MetricAlarms: page.map((a) => ({
        AlarmName: a.AlarmName,
        StateReason: `Threshold Crossed (${a.AlarmName})`,
        StateUpdatedTimestamp: new Date(a.sinceMs + 5),
        StateTransitionedTimestamp: new Date(a.sinceMs),
      })),
      ...(from + pageSize < matching.length ? { NextToken: String(from + pageSize) } : {}),
    };
  };
  return { describeAlarms, calls };
}

const window = { functionName: 'turnout-alerts', version: '4', sinceMs: 10_000, untilMs: 20_000 };

describe('alarmHealthSource', () => {
  it('names an alias alarm that went into ALARM since the window opened', async () => {
    const { describeAlarms } = cloudWatchAlarms([
      { AlarmName: 'turnout-alerts-live-errors', StateValue: 'ALARM', sinceMs: 12_000 },
      { AlarmName: 'turnout-alerts-live-latency', StateValue: 'OK', sinceMs: 12_000 },
    ]);
    const health = await alarmHealthSource({ describeAlarms, alias: 'live' }).read(window);
    expect(health.alarms).toEqual([
      {
        name: 'turnout-alerts-live-errors',
        reason: 'Threshold Crossed (turnout-alerts-live-errors)',
        sinceMs: 12_000,
      },
    ]);
    expect(health.invocations).toBe(0);
  });

  it('leaves out an alarm in ALARM since before the traffic moved: the stable version raised it', async () => {
    const { describeAlarms } = cloudWatchAlarms([
      { AlarmName: 'turnout-alerts-live-errors', StateValue: 'ALARM', sinceMs: 9_000 },
    ]);
    const health = await alarmHealthSource({ describeAlarms, alias: 'live' }).read(window);
    expect(health.alarms).toBeUndefined();
  });

  it("leaves out another function's alarms that share the prefix", async () => {
    const { describeAlarms } = cloudWatchAlarms([
      { AlarmName: 'turnout-alerts-live-feed-live-errors', StateValue: 'ALARM', sinceMs: 12_000 },
    ]);
    const health = await alarmHealthSource({ describeAlarms, alias: 'live' }).read(window);
    expect(health.alarms).toBeUndefined();
  });

  it('reads every page', async () => {
    const { describeAlarms, calls } = cloudWatchAlarms(
      ['errors', 'throttles', 'latency'].map((kind) => ({
        AlarmName: `turnout-alerts-live-${kind}`,
        StateValue: 'ALARM' as const,
        sinceMs: 12_000,
      })),
    );
    const health = await alarmHealthSource({ describeAlarms, alias: 'live' }).read(window);
    expect(health.alarms?.map((a) => a.name)).toEqual([
      'turnout-alerts-live-errors',
      'turnout-alerts-live-throttles',
      'turnout-alerts-live-latency',
    ]);
    expect(calls.map((c) => c.NextToken)).toEqual([undefined, '2']);
  });

  it('rolls the canary back in a bake, and asks CloudWatch once per poll', async () => {
    const { describeAlarms, calls } = cloudWatchAlarms([
      { AlarmName: 'turnout-alerts-live-errors', StateValue: 'ALARM', sinceMs: 3_000 },
    ]);
    const target = {
      name: 'prod-us-east-1',
      healthSources: [alarmHealthSource({ describeAlarms, alias: 'live' })],
    } as unknown as DeployTarget;
    let nowMs = 5_000;
    const timing: BakeTiming = {
      clock: { now: () => nowMs },
      sleep: async (ms) => {
        nowMs += ms;
      },
      pollMs: 1_000,
      maxTrafficWaitMs: 60_000,
    };
    const bakeWindow = {
      functionName: 'turnout-alerts',
      stable: '3',
      candidate: '4',
      shiftStartedMs: 1_000,
      stepStartedMs: 2_000,
      bakeMs: 10_000,
    };

    const outcome = await bake(target, bakeWindow, DEFAULT_THRESHOLDS, timing);

    expect(outcome).toMatchObject({
      outcome: 'breach',
      reason:
        'alarms: alarm turnout-alerts-live-errors is in ALARM: Threshold Crossed (turnout-alerts-live-errors)',
    });
    expect(calls).toHaveLength(1);
  });
});
