import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatus } from '../cli/commands/status.ts';
import {
  abortRelease,
  DeploymentInProgressError,
  type DeploymentRecord,
  LeaseHeldError,
  ResumeRefusedError,
  resumeRelease,
} from '../control-plane/deploy/index.ts';
import { loadModule } from '../control-plane/module-catalog/index.ts';
import { type ReleaseHarness, startReleaseHarness } from './support/release-harness.ts';
import { spawnTurnout, type TurnoutProcess, waitFor } from './support/turnout-process.ts';

// A deployment is never abandoned half-way: stopped by a signal, orphaned by a killed
// orchestrator, or overtaken by a manual rollback, it ends with each module on one
// version, its schema with it, and a record that says what happened.

let harness: ReleaseHarness;

beforeAll(async () => {
  harness = await startReleaseHarness();
}, 90_000);

afterAll(() => harness?.stop());

const liveVersion = (module: string) => harness.liveVersion(module);
const latestGeneration = () => harness.latestGeneration();

/** `turnout deploy <module>` with a canary that bakes long enough to be caught mid-shift. */
function deployInBackground(module: string, extra: string[] = []): TurnoutProcess {
  return spawnTurnout(harness.root, [
    'deploy',
    module,
    '--strategy',
    'Canary20Percent30Seconds',
    '--min-requests',
    '5',
    '--poll',
    '100ms',
    '--final-bake',
    '500ms',
    ...extra,
  ]);
}

/** The running deployment of the process, once its alias sends 20% to the candidate. */
async function waitForSplit(module: string, cli: TurnoutProcess): Promise<DeploymentRecord> {
  return waitFor(
    async () => {
      const [latest] = await harness.env.store.list();
      const progress = latest?.progress[`${module}@local`];
      if (latest?.state !== 'running' || progress?.phase !== 'shifting') return undefined;
      const live = await liveVersion(module);
      return live.weights[String(progress.candidate)] === 0.2 ? latest : undefined;
    },
    60_000,
    cli.output,
  );
}

const candidateOf = (record: DeploymentRecord, module: string) =>
  String(record.progress[`${module}@local`]?.candidate);

describe('Ctrl-C during a deployment', () => {
  it('stops at a safe point: the stable version serves again, the record says so, the module is free', async () => {
    const before = await liveVersion('alerts');
    await harness.setBehaviour('alerts', 'ok');
    const load = harness.startLoad();
    const cli = deployInBackground('alerts');
    const running = await waitForSplit('alerts', cli);

    cli.child.kill('SIGINT');
    await waitFor(
      async () => (/stopping at a safe point/.test(cli.output()) ? true : undefined),
      30_000,
      cli.output,
    );
    const stillRunning = cli.child.exitCode === null && cli.child.kill('SIGINT');
    const code = await cli.exited;
    const report = await load.stop();

    expect(code).toBe(1);
    // The second Ctrl-C, if it came before the rollback was over, did not cut it short.
    if (stillRunning) expect(cli.output()).toMatch(/SIGINT ignored/);
    const record = await harness.env.store.get(running.id);
    expect(record.state).toBe('aborted');
    expect(record.reason).toBe('interrupted by SIGINT');
    expect(record.events.map((e) => e.name)).toContain('abort');
    expect(await liveVersion('alerts')).toEqual({ version: before.version, weights: {} });
    expect((await latestGeneration()).releases?.alerts).toEqual({ stable: before.version });
    expect(await harness.env.store.locks(['alerts'])).toEqual([]);
    expect(report.failures).toEqual([]);

    await harness.setBehaviour('alerts', 'ok');
    const next = await harness.release(['alerts'], {
      strategy: 'AllAtOnce',
      thresholds: { minInvocations: 0, minLatencySamples: 0 },
    });
    expect(next.record.state).toBe('succeeded');
  }, 120_000);
});

describe('a deployment whose orchestrator was killed', () => {
  it('is taken over by --abort once its lease lapses, and never by a new deployment', async () => {
    const before = await liveVersion('alerts');
    await harness.setBehaviour('alerts', 'ok');
    const cli = deployInBackground('alerts', ['--lease', '2s']);
    const running = await waitForSplit('alerts', cli);
    const abort = () =>
      abortRelease(running.id, { targets: harness.env.targets, store: harness.env.store });

    // While its orchestrator lives and renews the lease, nobody takes the deployment over.
    const refused = await abort().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LeaseHeldError);
    expect((refused as Error).message).toMatch(/runs until \d{4}-\d\d-\d\dT/);

    cli.child.kill('SIGKILL');
    await cli.exited;
    await waitFor(async () => {
      const [lock] = await harness.env.store.locks(['alerts']);
      return lock && (lock.leaseExpiresAt ?? 0) < Date.now() ? lock : undefined;
    }, 30_000);
    await harness.setBehaviour('alerts', 'ok');
    const second = await harness.release(['alerts']).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(DeploymentInProgressError);
    expect((second as Error).message).toContain(`turnout deploy --abort ${running.id}`);

    const aborting = spawnTurnout(harness.root, ['deploy', '--abort', running.id]);
    expect(await aborting.exited, aborting.output()).toBe(0);
    const record = await harness.env.store.get(running.id);
    expect(record.state).toBe('aborted');
    expect(record.reason).toMatch(/turnout deploy --abort/);
    expect(await liveVersion('alerts')).toEqual({ version: before.version, weights: {} });
    expect((await latestGeneration()).releases?.alerts).toEqual({ stable: before.version });
    expect(await harness.env.store.locks(['alerts'])).toEqual([]);
  }, 120_000);
});

describe('a manual rollback during a deployment', () => {
  it('takes traffic and schema back together, is recorded and shown, and the deployment cannot be resumed', async () => {
    const before = await liveVersion('catalog');
    await harness.setSchema(
      'catalog',
      'type Query { catalogPing: String! catalogStatus: String! catalogNews: String }',
    );
    await harness.setBehaviour('catalog', 'ok');
    const cli = deployInBackground('catalog', ['--lease', '2s']);
    const running = await waitForSplit('catalog', cli);
    const candidate = candidateOf(running, 'catalog');
    const split = await latestGeneration();
    expect(split.releases?.catalog?.candidate?.version).toBe(candidate);
    expect(split.supergraphSdl).toContain('catalogNews');
    // Its orchestrator dies: only a resume could go on with it now.
    cli.child.kill('SIGKILL');
    await cli.exited;
    await harness.setSchema(
      'catalog',
      'type Query { catalogPing: String! catalogStatus: String! }',
    );

    const rollback = spawnTurnout(harness.root, [
      'rollback',
      'catalog',
      '--reason',
      'the news feed is wrong',
    ]);
    expect(await rollback.exited, rollback.output()).toBe(0);
    expect(await liveVersion('catalog')).toEqual({ version: before.version, weights: {} });
    const back = await latestGeneration();
    expect(back.releases?.catalog).toEqual({ stable: before.version });
    expect(back.supergraphSdl).not.toContain('catalogNews');

    const interrupted = await harness.env.store.get(running.id);
    expect(interrupted.progress['catalog@local']?.phase).toBe('interrupted');
    const status = await buildStatus(harness.env, 5);
    expect(status.manualRollbacks[0]).toMatchObject({
      module: 'catalog',
      target: 'local',
      from: candidate,
      to: before.version,
      reason: 'the news feed is wrong',
      interrupted: [running.id],
    });
    expect(status.modules.find((m) => m.module === 'catalog')?.disagreement).toBe(undefined);

    // Resumed once the lease lapsed, it would shift traffic back onto the rolled-back version.
    const catalog = await loadModule(join(harness.root, 'modules'), 'catalog');
    const resume = () =>
      resumeRelease(running.id, {
        modules: [catalog],
        targets: harness.env.targets,
        store: harness.env.store,
        buildDirectory: join(harness.root, '.turnout', 'build'),
      });
    const refusal = await waitFor(
      () =>
        resume().then(
          () => new Error('resumed'),
          (error: unknown) => (error instanceof LeaseHeldError ? undefined : error),
        ),
      30_000,
    );
    expect(refusal).toBeInstanceOf(ResumeRefusedError);
    expect((refusal as Error).message).toMatch(
      /catalog@local was interrupted: .*the news feed is wrong/,
    );
    expect(await liveVersion('catalog')).toEqual({ version: before.version, weights: {} });
    expect((await latestGeneration()).generation).toBe(back.generation);

    const ended = await abortRelease(running.id, {
      targets: harness.env.targets,
      store: harness.env.store,
    });
    expect(ended.state).toBe('aborted');
    expect(ended.progress['catalog@local']?.phase).toBe('interrupted');
    expect(await liveVersion('catalog')).toEqual({ version: before.version, weights: {} });
    expect(await harness.env.store.locks(['catalog'])).toEqual([]);
  }, 150_000);
});

describe('a manual rollback while the orchestrator lives', () => {
  it('stops it at its next heartbeat, touching nothing, with the deployment interrupted', async () => {
    const before = await liveVersion('alerts');
    await harness.setBehaviour('alerts', 'ok');
    // A five-minute bake: the orchestrator can only end inside the ceiling by being stopped.
    const cli = spawnTurnout(harness.root, [
      'deploy',
      'alerts',
      '--strategy',
      'Canary20Percent5Minutes',
      '--lease',
      '3s',
    ]);
    const running = await waitForSplit('alerts', cli);

    const rollback = spawnTurnout(harness.root, ['rollback', 'alerts']);
    expect(await rollback.exited, rollback.output()).toBe(0);
    const ceiling = new AbortController();
    const baking = sleep(90_000, 'still baking', { signal: ceiling.signal }).catch(() => '');
    expect(await Promise.race([cli.exited, baking]), cli.output()).toBe(1);
    ceiling.abort();

    const record = await harness.env.store.get(running.id);
    expect(record.state).toBe('interrupted');
    expect(record.progress['alerts@local']?.phase).toBe('interrupted');
    expect(await liveVersion('alerts')).toEqual({ version: before.version, weights: {} });
    expect((await latestGeneration()).releases?.alerts).toEqual({ stable: before.version });
    expect(await harness.env.store.locks(['alerts'])).toEqual([]);
  }, 150_000);
});

describe('turnout status', () => {
  it('flags an alias moved outside Turnout, disagreeing with the registry', async () => {
    const live = await liveVersion('alerts');
    const other = live.version === '1' ? '2' : String(Number(live.version) - 1);
    const point = (version: string) =>
      harness.env.clients.lambda.send(
        new UpdateAliasCommand({
          FunctionName: 'turnout-alerts',
          Name: 'live',
          FunctionVersion: version,
        }),
      );
    await point(other);
    try {
      const status = await buildStatus(harness.env, 5);
      expect(status.modules.find((m) => m.module === 'alerts')?.disagreement).toMatch(
        new RegExp(`alias routes to v${other} but the registry says v${live.version}`),
      );
    } finally {
      await point(String(live.version));
    }
  });
});
