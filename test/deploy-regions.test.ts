import {
  Route53RecoveryClusterClient,
  UpdateRoutingControlStateCommand,
} from '@aws-sdk/client-route53-recovery-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatus } from '../cli/commands/status.ts';
import { LOCAL_CREDENTIALS } from '../control-plane/aws/index.ts';
import { findPauses } from '../control-plane/deploy/find-pauses.ts';
import { DeploymentInterruptedError, type ReleaseOptions } from '../control-plane/deploy/index.ts';
import { createRegionServingReader } from '../control-plane/deploy/region-serving.ts';
import { startLocalRecoveryCluster } from '../local-cloud/recovery-cluster/index.ts';
import type { Behaviour } from './fixtures/release/behaviour-kinds.ts';
import { type RegionsHarness, startRegionsHarness } from './support/regions-release-harness.ts';
import type { RecordedEvent } from './support/release-harness.ts';
import { RELEASE_TEST_TIMEOUT_MS } from './support/release-harness.ts';

// One stage, prod, in two Regions: a local cloud and gateway per Region, each with its
// own Lambda (telling functions their AWS_REGION), registry and clients.
const EAST = 'prod-us-east-1';
const WEST = 'prod-us-west-2';
let regions: RegionsHarness;

beforeAll(async () => {
  regions = await startRegionsHarness(['us-east-1', 'us-west-2']);
  await regions.warmUp();
}, 420_000);

afterAll(async () => {
  await regions?.stop();
});

const alias = (region: string) =>
  (regions.byRegion.get(region) as RegionsHarness['home']).liveVersion('alerts');

const decisions = (events: RecordedEvent[]) =>
  JSON.stringify(
    events.filter((e) => e.kind === 'decision').map((e) => [e.target, e.name, e.detail]),
  );

const shiftsAt = (events: RecordedEvent[], target: string) =>
  events.filter((e) => e.name === 'shift' && e.target === target);

/** Gives alerts' next version a behaviour and releases it to both Regions under load. */
async function releaseUnderLoad(behaviour: Behaviour, overrides: Partial<ReleaseOptions> = {}) {
  await regions.home.setBehaviour('alerts', behaviour);
  const load = regions.startLoad();
  try {
    const released = await regions.home.release(['alerts'], {
      targets: regions.targets(),
      ...overrides,
    });
    const failures = (await load.stop()).flatMap((r) => r.failures);
    return { ...released, failures };
  } finally {
    await load.stop();
  }
}

describe('a striped release across two Regions', () => {
  it(
    'moves both Regions through each traffic step together and promotes both',
    async () => {
      const { record, events, failures } = await releaseUnderLoad('ok', { regions: 'stripe' });

      expect(record.state, decisions(events)).toBe('succeeded');
      expect(record.plan.regions).toBe('stripe');
      expect(record.plan.stripes).toEqual([[EAST, WEST]]);
      const east = shiftsAt(events, EAST);
      const west = shiftsAt(events, WEST);
      expect(east.map((e) => e.progress?.weight)).toEqual([0.2, 1]);
      expect(west.map((e) => e.progress?.weight)).toEqual([0.2, 1]);
      // Step by step: neither Region moves to 100% before both baked healthy at 20%.
      const lastAt20 = Math.max(east[0]?.atMs ?? 0, west[0]?.atMs ?? 0);
      const firstAt100 = Math.min(east[1]?.atMs ?? 0, west[1]?.atMs ?? 0);
      expect(lastAt20).toBeLessThan(firstAt100);
      const healthyAt20 = events.filter(
        (e) => e.name === 'promote-step' && e.progress?.weight === 0.2,
      );
      expect(healthyAt20.map((e) => e.target).sort()).toEqual([EAST, WEST]);
      expect(Math.max(...healthyAt20.map((e) => e.atMs))).toBeLessThan(firstAt100);
      // ...and the stripe as a whole was judged at each step.
      expect(events.filter((e) => e.name === 'stripe-step')).toHaveLength(2);
      const candidate = record.progress[`alerts@${EAST}`]?.candidate;
      expect(record.progress[`alerts@${WEST}`]?.phase).toBe('promoted');
      expect(await alias('us-east-1')).toEqual({ version: candidate, weights: {} });
      expect((await alias('us-west-2')).weights).toEqual({});
      expect(failures).toEqual([]);
    },
    RELEASE_TEST_TIMEOUT_MS,
  );

  it(
    'rolls back both Regions when the new version fails in one of them',
    async () => {
      const before = { east: await alias('us-east-1'), west: await alias('us-west-2') };
      const { record, events, failures } = await releaseUnderLoad('fail-all-in-us-west-2', {
        regions: 'stripe',
      });

      expect(record.state, decisions(events)).toBe('rolled-back');
      expect(record.progress[`alerts@${EAST}`]?.phase).toBe('rolled-back');
      expect(record.progress[`alerts@${WEST}`]?.phase).toBe('rolled-back');
      const westRollback = events.find((e) => e.name === 'rollback' && e.target === WEST);
      expect(westRollback?.detail).toMatch(/error rate/);
      const eastRollback = events.find((e) => e.name === 'rollback' && e.target === EAST);
      expect(eastRollback?.detail).toMatch(
        /rolled back with its stripe: prod-us-west-2: .*error rate/,
      );
      // Neither Region went past the first step.
      expect(events.filter((e) => e.name === 'shift').map((e) => e.progress?.weight)).toEqual([
        0.2, 0.2,
      ]);
      expect(events.some((e) => e.name === 'promote')).toBe(false);
      expect(await alias('us-east-1')).toEqual(before.east);
      expect(await alias('us-west-2')).toEqual(before.west);
      // The gateways retried the canary's failures on the stable version.
      expect(failures).toEqual([]);
    },
    RELEASE_TEST_TIMEOUT_MS,
  );

  it(
    'rolls back every Region in flight when stopped (Ctrl-C) mid-stripe, and records it aborted',
    async () => {
      const before = { east: await alias('us-east-1'), west: await alias('us-west-2') };
      const stop = new AbortController();
      const shifted = new Set<string>();
      const events: RecordedEvent[] = [];
      const { record, failures } = await releaseUnderLoad('ok', {
        regions: 'stripe',
        signal: stop.signal,
        onEvent: (event, progress) => {
          events.push({ ...event, atMs: Date.now(), progress });
          if (event.name === 'shift' && event.target) shifted.add(event.target);
          // Both Regions at 20%: stop, as cli/commands/deploy.ts does on SIGINT.
          if (shifted.size === 2 && !stop.signal.aborted)
            stop.abort(new DeploymentInterruptedError('interrupted by SIGINT'));
        },
      });

      expect(record.state, decisions(events)).toBe('aborted');
      expect(record.progress[`alerts@${EAST}`]?.phase).toBe('rolled-back');
      expect(record.progress[`alerts@${WEST}`]?.phase).toBe('rolled-back');
      expect(
        events
          .filter((e) => e.name === 'abort')
          .map((e) => e.target)
          .sort(),
      ).toEqual([EAST, WEST]);
      expect(events.some((e) => e.name === 'promote')).toBe(false);
      expect(await alias('us-east-1')).toEqual(before.east);
      expect(await alias('us-west-2')).toEqual(before.west);
      expect(failures).toEqual([]);
    },
    RELEASE_TEST_TIMEOUT_MS,
  );
});

describe('a staggered release across two Regions', () => {
  it(
    'never touches the second Region when the first fails',
    async () => {
      const before = { east: await alias('us-east-1'), west: await alias('us-west-2') };
      const { record, events, failures } = await releaseUnderLoad('fail-all');

      expect(record.state, decisions(events)).toBe('rolled-back');
      expect(record.plan.regions).toBe('stagger');
      expect(record.plan.stripes).toEqual([[EAST], [WEST]]);
      expect(record.progress[`alerts@${EAST}`]?.phase).toBe('rolled-back');
      expect(record.progress[`alerts@${WEST}`]).toBeUndefined();
      expect(events.filter((e) => e.target === WEST)).toEqual([]);
      expect(await alias('us-east-1')).toEqual(before.east);
      expect(await alias('us-west-2')).toEqual(before.west);
      expect(failures).toEqual([]);
    },
    RELEASE_TEST_TIMEOUT_MS,
  );

  it(
    'pauses before moving traffic in a Region whose routing control is off, says so in status, and goes on once it is on',
    async () => {
      // The local cloud's ARC cluster data plane, read and flipped through the real SDK.
      const cluster = await startLocalRecoveryCluster({ regions: ['us-east-1', 'us-west-2'] });
      const controls = {
        'us-east-1': cluster.routingControlArn('us-east-1'),
        'us-west-2': cluster.routingControlArn('us-west-2'),
      };
      const { endpoint } = cluster.endpoints[0] as { endpoint: string };
      const operator = new Route53RecoveryClusterClient({
        endpoint,
        region: 'us-west-2',
        credentials: LOCAL_CREDENTIALS,
      });
      await operator.send(
        new UpdateRoutingControlStateCommand({
          RoutingControlArn: controls['us-west-2'],
          RoutingControlState: 'Off',
        }),
      );
      const reader = createRegionServingReader({
        clusterEndpoints: cluster.endpoints,
        routingControls: controls,
        credentials: LOCAL_CREDENTIALS,
      });
      const load = regions.startLoad();
      try {
        await regions.home.setBehaviour('alerts', 'ok');
        const release = regions.home.release(['alerts'], {
          targets: regions.targets((region) => reader.isRegionServing(region)),
        });
        const running = async () =>
          (await regions.home.env.store.list()).find((d) => d.state === 'running');
        await expect
          .poll(async () => findPauses((await running()) ?? ({ state: 'ended' } as never)), {
            timeout: 200_000,
            interval: 500,
          })
          .toHaveLength(1);
        const status = await buildStatus(regions.home.env, 5);
        const paused = status.deployments.find((d) => d.state === 'running')?.paused ?? [];
        expect(paused.join('\n')).toMatch(
          /alerts@prod-us-west-2 .*routing control turnout-us-west-2 of us-west-2 is Off/,
        );
        // Paused before any traffic moved in the Region that is off.
        expect((await alias('us-west-2')).weights).toEqual({});
        const readsWhilePaused = cluster.served();
        await expect
          .poll(() => cluster.served(), { timeout: 30_000 })
          .toBeGreaterThan(readsWhilePaused);
        expect((await alias('us-west-2')).weights).toEqual({});

        await operator.send(
          new UpdateRoutingControlStateCommand({
            RoutingControlArn: controls['us-west-2'],
            RoutingControlState: 'On',
          }),
        );
        const { record, events } = await release;
        expect(record.state, decisions(events)).toBe('succeeded');
        const pause = events.find((e) => e.name === 'pause');
        const unpause = events.find((e) => e.name === 'unpause');
        expect(pause?.target).toBe(WEST);
        expect(unpause?.target).toBe(WEST);
        const westShifts = shiftsAt(events, WEST);
        expect(westShifts.length).toBeGreaterThan(0);
        expect(Math.min(...westShifts.map((e) => e.atMs))).toBeGreaterThan(unpause?.atMs ?? 0);
        // The Region that served was never paused, and promoted first.
        expect(events.filter((e) => e.name === 'pause' && e.target === EAST)).toEqual([]);
        expect(findPauses(record)).toEqual([]);
        expect((await load.stop()).flatMap((r) => r.failures)).toEqual([]);
      } finally {
        await load.stop();
        reader.close();
        operator.destroy();
        await cluster.stop();
      }
    },
    RELEASE_TEST_TIMEOUT_MS,
  );
});
