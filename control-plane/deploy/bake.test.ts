import { describe, expect, it } from 'vitest';
import { type BakeTiming, bake, type TrafficWait } from './bake.ts';
import type { DeployTarget } from './deploy-target.ts';
import { DEFAULT_THRESHOLDS } from './judge-health.ts';
import type { VersionHealth } from './version-health.ts';

/** A clock that moves only when the bake sleeps, and a source with `perSecond` invokes. */
function quietTraffic(perSecond: number) {
  let nowMs = 0;
  const health = (ms: number): VersionHealth => ({
    invocations: Math.floor((ms / 1_000) * perSecond),
    errors: 0,
    throttles: 0,
    p90Ms: 20,
    p99Ms: 20,
  });
  const target = {
    name: 'local',
    healthSources: [
      {
        name: 'gateway',
        read: async ({ sinceMs, untilMs }: { sinceMs: number; untilMs: number }) =>
          health(untilMs - sinceMs),
      },
    ],
  } as unknown as DeployTarget;
  const waits: { atMs: number; wait: TrafficWait }[] = [];
  const timing: BakeTiming = {
    clock: { now: () => nowMs },
    sleep: async (ms) => {
      nowMs += ms;
    },
    pollMs: 1_000,
    maxTrafficWaitMs: 60_000,
    onWaitingForTraffic: (wait) => waits.push({ atMs: nowMs, wait }),
  };
  return { target, timing, waits };
}

const window = {
  functionName: 'turnout-images',
  stable: '2',
  candidate: '3',
  shiftStartedMs: 0,
  stepStartedMs: 0,
  bakeMs: 10_000,
};

describe('a bake waiting for traffic', () => {
  it('says so every 5 s after the bake time, with the counts it has and needs and the time left', async () => {
    const { target, timing, waits } = quietTraffic(0.5);

    const outcome = await bake(target, window, DEFAULT_THRESHOLDS, timing);

    expect(outcome.outcome).toBe('healthy');
    expect(waits.map((w) => w.atMs)).toEqual([10_000, 15_000, 20_000, 25_000, 30_000, 35_000]);
    expect(waits[0]?.wait).toEqual({
      target: 'local',
      functionName: 'turnout-images',
      candidate: '3',
      invocations: 5,
      neededInvocations: 20,
      completed: 5,
      neededCompleted: 20,
      leftMs: 60_000,
    });
    expect(waits.at(-1)?.wait).toMatchObject({ invocations: 17, leftMs: 35_000 });
  });

  it('says nothing while the bake time runs, or when the traffic is there', async () => {
    const { target, timing, waits } = quietTraffic(10);

    const outcome = await bake(target, window, DEFAULT_THRESHOLDS, timing);

    expect(outcome.outcome).toBe('healthy');
    expect(waits).toEqual([]);
  });

  it('stops saying so when it gives up for want of traffic', async () => {
    const { target, timing, waits } = quietTraffic(0);

    const outcome = await bake(target, window, DEFAULT_THRESHOLDS, {
      ...timing,
      progressEveryMs: 20_000,
    });

    expect(outcome.outcome).toBe('starved');
    expect(waits.map((w) => [w.atMs, w.wait.leftMs])).toEqual([
      [10_000, 60_000],
      [30_000, 40_000],
      [50_000, 20_000],
    ]);
  });
});
