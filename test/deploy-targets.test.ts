import { GetAliasCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployTarget } from '../control-plane/deploy/index.ts';
import { type ReleaseHarness, startReleaseHarness } from './support/release-harness.ts';

// Two local clouds stand for two targets of one pipeline: a one-box stage first, then
// production. Each has its own Lambda, registry and gateway, as two Regions would.
let preprod: ReleaseHarness;
let prod: ReleaseHarness;
let targets: DeployTarget[];

beforeAll(async () => {
  // One after the other: two JVMs and two builds at once on a 2-core machine under load
  // can keep DynamoDB Local from answering within its 30 s start limit.
  preprod = await startReleaseHarness();
  prod = await startReleaseHarness();
  targets = [
    { ...(preprod.env.targets[0] as DeployTarget), name: 'preprod-us-east-1' },
    { ...(prod.env.targets[0] as DeployTarget), name: 'prod-us-east-1' },
  ];
}, 180_000);

afterAll(async () => {
  await Promise.all([preprod?.stop(), prod?.stop()]);
});

const alias = async (lambda: LambdaClient, module: string) => {
  const live = await lambda.send(
    new GetAliasCommand({ FunctionName: `turnout-${module}`, Name: 'live' }),
  );
  return {
    version: live.FunctionVersion,
    weights: live.RoutingConfig?.AdditionalVersionWeights ?? {},
  };
};

describe('a release over two targets', () => {
  it('promotes in the first target before it touches the second', async () => {
    await preprod.setBehaviour('alerts', 'ok');
    const loads = [preprod.startLoad(), prod.startLoad()];
    const { record, events } = await preprod.release(['alerts'], { targets });
    const reports = await Promise.all(loads.map((l) => l.stop()));

    expect(
      record.state,
      JSON.stringify(
        events.filter((e) => e.kind === 'decision').map((e) => [e.target, e.name, e.detail]),
      ),
    ).toBe('succeeded');
    expect(record.plan.targets).toEqual(['preprod-us-east-1', 'prod-us-east-1']);
    const promotedFirst = events.find(
      (e) => e.name === 'promote' && e.target === 'preprod-us-east-1',
    );
    const startedSecond = events.find(
      (e) => e.name === 'publish-version' && e.target === 'prod-us-east-1',
    );
    expect(promotedFirst?.atMs).toBeLessThan(startedSecond?.atMs ?? 0);
    expect(await alias(preprod.env.clients.lambda, 'alerts')).toEqual({
      version: '2',
      weights: {},
    });
    expect(await alias(prod.env.clients.lambda, 'alerts')).toEqual({ version: '2', weights: {} });
    expect(reports.flatMap((r) => r.failures)).toEqual([]);
  }, 300_000);

  it('stops in the first target when the new version fails there: the second is never touched', async () => {
    await preprod.setBehaviour('alerts', 'fail-all');
    const loads = [preprod.startLoad(), prod.startLoad()];
    const { record, events } = await preprod.release(['alerts'], { targets });
    const reports = await Promise.all(loads.map((l) => l.stop()));

    expect(record.state).toBe('rolled-back');
    expect(events.filter((e) => e.target === 'prod-us-east-1')).toEqual([]);
    expect(await alias(preprod.env.clients.lambda, 'alerts')).toEqual({
      version: '2',
      weights: {},
    });
    expect(await alias(prod.env.clients.lambda, 'alerts')).toEqual({ version: '2', weights: {} });
    expect(reports.flatMap((r) => r.failures)).toEqual([]);
  }, 300_000);
});
