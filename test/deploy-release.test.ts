import { GetAliasCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RecordedEvent,
  type ReleaseHarness,
  startReleaseHarness,
} from './support/release-harness.ts';

let harness: ReleaseHarness;

beforeAll(async () => {
  harness = await startReleaseHarness();
}, 90_000);

afterAll(() => harness?.stop());

const liveVersion = async (module: string) => {
  const alias = await harness.env.clients.lambda.send(
    new GetAliasCommand({ FunctionName: `turnout-${module}`, Name: 'live' }),
  );
  return {
    version: alias.FunctionVersion,
    weights: alias.RoutingConfig?.AdditionalVersionWeights ?? {},
  };
};

const firstAt = (events: RecordedEvent[], module: string, name: string) =>
  events.find((e) => e.module === module && e.name === name)?.atMs ?? Number.NaN;

describe('a release of three modules of different tiers', () => {
  it('promotes them in tier order with no failed client request', async () => {
    for (const module of ['alerts', 'catalog', 'checkout'])
      await harness.setBehaviour(module, 'ok');
    const load = harness.startLoad();
    const { record, events } = await harness.release(['checkout', 'alerts', 'catalog']);
    const report = await load.stop();

    expect(
      record.state,
      JSON.stringify(
        events.filter((e) => e.kind === 'decision'),
        null,
        1,
      ),
    ).toBe('succeeded');
    expect(record.plan.waves).toEqual([['alerts'], ['catalog'], ['checkout']]);
    expect(firstAt(events, 'alerts', 'promote')).toBeLessThan(
      firstAt(events, 'catalog', 'publish-version'),
    );
    expect(firstAt(events, 'catalog', 'promote')).toBeLessThan(
      firstAt(events, 'checkout', 'publish-version'),
    );
    for (const module of ['alerts', 'catalog', 'checkout']) {
      expect(await liveVersion(module)).toEqual({ version: '2', weights: {} });
    }
    expect(report.sent).toBeGreaterThan(100);
    expect(report.failures).toEqual([]);
  }, 60_000);
});

describe.each([
  ['fails every request', 'fail-all'],
  ['fails one request in five', 'fail-20'],
  ['adds 500 ms of latency', 'slow-500'],
] as const)('a release whose low-tier module %s', (_, behaviour) => {
  it('is rolled back at once; later waves never start and no client sees an error', async () => {
    const before = {
      catalog: await liveVersion('catalog'),
      checkout: await liveVersion('checkout'),
      alerts: await liveVersion('alerts'),
    };
    await harness.setBehaviour('alerts', behaviour);
    await harness.setBehaviour('checkout', 'ok');
    const load = harness.startLoad();
    const { record, events } = await harness.release(['alerts', 'checkout'], {
      strategy: 'Canary20Percent3Seconds',
    });
    const report = await load.stop();

    expect(record.state).toBe('rolled-back');
    const rollback = events.find((e) => e.name === 'rollback');
    expect(rollback?.module).toBe('alerts');
    expect(await liveVersion('alerts')).toEqual(before.alerts);
    // The critical module's wave never started: not even a version was published.
    expect(events.filter((e) => e.module === 'checkout')).toEqual([]);
    expect(await liveVersion('checkout')).toEqual(before.checkout);
    expect(await liveVersion('catalog')).toEqual(before.catalog);
    expect(report.failures).toEqual([]);

    const shiftedAt = firstAt(events, 'alerts', 'shift');
    const detectionMs = (rollback?.atMs ?? Number.NaN) - shiftedAt;
    console.log(
      `${behaviour}: rolled back ${detectionMs} ms after traffic reached the bad version; ${report.sent} requests, ${report.failed} failed`,
    );
    expect(detectionMs).toBeLessThan(behaviour === 'slow-500' ? 3_000 : 2_000);
  }, 60_000);
});

describe('stopping before traffic moves', () => {
  it('stops on a failed smoke check: the new version never gets traffic', async () => {
    const before = await liveVersion('alerts');
    await harness.setBehaviour('alerts', 'fail-smoke');
    const { record, events } = await harness.release(['alerts']);
    expect(record.state).toBe('failed');
    expect(events.map((e) => e.name)).toEqual([
      'publish-version',
      'publish-schema',
      'fail-pre-traffic',
    ]);
    expect(await liveVersion('alerts')).toEqual(before);
  }, 30_000);
});
