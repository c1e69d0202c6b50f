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
