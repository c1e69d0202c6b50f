import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  DeploymentInProgressError,
  type DeploymentRecord,
  type DeployTarget,
  LeaseHeldError,
  resumeRelease,
  rollbackModule,
} from '../control-plane/deploy/index.ts';
import { loadModule } from '../control-plane/module-catalog/index.ts';
import {
  RELEASE_THRESHOLDS,
  type RecordedEvent,
  type ReleaseHarness,
  startReleaseHarness,
  TRAFFIC_WAIT_MS,
} from './support/release-harness.ts';
import { waitFor } from './support/turnout-process.ts';

const repo = resolve(import.meta.dirname, '..');
let harness: ReleaseHarness;

beforeAll(async () => {
  harness = await startReleaseHarness();
}, 180_000);

afterAll(() => harness?.stop());

const liveVersion = (module: string) => harness.liveVersion(module);
const latestGeneration = () => harness.latestGeneration();

const firstAt = (events: RecordedEvent[], module: string, name: string) =>
  events.find((e) => e.module === module && e.name === name)?.atMs ?? Number.NaN;

describe('a release of three modules of different tiers', () => {
  it('promotes them in tier order with no failed client request', async () => {
    for (const module of ['alerts', 'catalog', 'checkout'])
      await harness.setBehaviour(module, 'ok');
    const load = harness.startLoad();
    const { record, events } = await harness.release(['checkout', 'alerts', 'catalog']);
    const report = await load.stop();

    const decisions = events
      .filter((e) => e.kind === 'decision')
      .map((e) => [e.module, e.name, e.detail]);
    expect(record.state, JSON.stringify(decisions)).toBe('succeeded');
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
  }, 300_000);
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
    const load = harness.startLoad({ concurrency: 8 });
    const { record, events } = await harness.release(['alerts', 'checkout'], {
      strategy: 'Canary20Percent3Seconds',
      // Latency judged as the product judges it: a slow version is what one case is about.
      thresholds: { latencySlackMs: DEFAULT_THRESHOLDS.latencySlackMs },
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

    // How fast is a benchmark's question (`npm run bench -- deploy`), not a test's: this
    // machine is shared, so a timed assertion here would fail on load, not on a bug.
    expect(firstAt(events, 'alerts', 'rollback')).toBeGreaterThan(
      firstAt(events, 'alerts', 'shift'),
    );
  }, 300_000);
});

describe('a GraphQL module whose canary fails every query', () => {
  it('is rolled back, and the gateway answers every query from the stable version', async () => {
    const before = await liveVersion('catalog');
    await harness.setBehaviour('catalog', 'fail-all');
    const load = harness.startLoad({ concurrency: 8 });
    const { record, events } = await harness.release(['catalog'], {
      strategy: 'Canary20Percent3Seconds',
    });
    const report = await load.stop();

    expect(record.state).toBe('rolled-back');
    expect(events.find((e) => e.name === 'rollback')?.detail).toMatch(/error rate/);
    expect(await liveVersion('catalog')).toEqual(before);
    expect(report.failures).toEqual([]);
    await harness.setBehaviour('catalog', 'ok');
  }, 300_000);
});

describe('stopping before traffic moves', () => {
  it('stops on a failed smoke check: the new version never gets traffic, nor a schema', async () => {
    const before = await liveVersion('alerts');
    const generation = (await latestGeneration()).generation;
    await harness.setBehaviour('alerts', 'fail-smoke');
    const { record, events } = await harness.release(['alerts']);
    expect(record.state).toBe('failed');
    expect(events.map((e) => e.name)).toEqual([
      'publish-version',
      // Recorded, not released: the gateways never heard of the failed version.
      'record-version',
      'fail-pre-traffic',
    ]);
    expect(await liveVersion('alerts')).toEqual(before);
    expect((await latestGeneration()).generation).toBe(generation);
  }, 120_000);
});

describe('a GraphQL module rolled back mid-canary', () => {
  it('served its new field only while it had traffic, and takes it out of the schema', async () => {
    const before = await liveVersion('catalog');
    await harness.setSchema(
      'catalog',
      'type Query { catalogPing: String! catalogStatus: String! catalogNews: String }',
    );
    await harness.setBehaviour('catalog', 'fail-all');
    const load = harness.startLoad({ concurrency: 8 });
    const { record, events } = await harness.release(['catalog'], {
      strategy: 'Canary20Percent3Seconds',
    });
    const report = await load.stop();
    await harness.setSchema(
      'catalog',
      'type Query { catalogPing: String! catalogStatus: String! }',
    );
    await harness.setBehaviour('catalog', 'ok');

    expect(record.state).toBe('rolled-back');
    const names = events.map((e) => e.name);
    // The registry served both versions before the alias moved, and the stable one alone after.
    expect(names.indexOf('release-split')).toBeLessThan(names.indexOf('rollback'));
    expect(names.indexOf('rollback')).toBeLessThan(names.indexOf('release-stable'));
    expect(await liveVersion('catalog')).toEqual(before);
    const latest = await latestGeneration();
    expect(latest.releases?.catalog).toEqual({ stable: before.version });
    expect(latest.supergraphSdl).toContain('catalogStatus');
    expect(latest.supergraphSdl).not.toContain('catalogNews');
    expect(report.failures).toEqual([]);
  }, 60_000);
});

describe('a schema the registry refuses', () => {
  it('stops the deployment before any traffic moves, with the reason', async () => {
    const before = await liveVersion('catalog');
    // Removing a field clients may use is a breaking change.
    await harness.setSchema('catalog', 'type Query { catalogPing: String! }');
    // Through the command, a process of its own: this one imported the manifest at start.
    const cli = spawn(
      process.execPath,
      [join(repo, 'bin', 'turnout.js'), 'deploy', 'catalog', '--root', harness.root, '--json'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    cli.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const code = await new Promise((resolve) => cli.once('exit', resolve));
    await harness.setSchema(
      'catalog',
      'type Query { catalogPing: String! catalogStatus: String! }',
    );

    expect(code).toBe(1);
    const record = JSON.parse(output.slice(output.indexOf('{'))) as DeploymentRecord;
    const events = record.events;
    expect(record.state).toBe('failed');
    const rejection = events.find((e) => e.name === 'reject-schema');
    expect(rejection?.detail).toMatch(/catalogStatus/);
    expect(events.map((e) => e.name)).not.toContain('shift');
    expect(await liveVersion('catalog')).toEqual(before);
    const served = await fetch(`${harness.gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ catalogStatus }' }),
    });
    const answer = (await served.json()) as { data: { catalogStatus: string } };
    expect(answer.data.catalogStatus).toMatch(/^open/);
  }, 120_000);
});

describe('an orchestrator killed mid-shift', () => {
  it('refuses a second deployment of the module, and resumed, ends consistent', async () => {
    await harness.setBehaviour('alerts', 'ok');
    const load = harness.startLoad();
    const cli = spawn(
      process.execPath,
      [
        join(repo, 'bin', 'turnout.js'),
        'deploy',
        'alerts',
        '--root',
        harness.root,
        '--strategy',
        'Canary20Percent30Seconds',
        '--min-requests',
        '5',
        '--poll',
        '100ms',
        '--final-bake',
        '500ms',
        // Short, so the test need not wait long for the killed orchestrator's lease to lapse.
        '--lease',
        '2s',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    );
    let output = '';
    cli.stdout.on('data', (c) => {
      output += c;
    });
    cli.stderr.on('data', (c) => {
      output += c;
    });
    const running = await waitFor(
      async () => {
        const [latest] = await harness.env.store.list();
        const progress = latest && Object.values(latest.progress)[0];
        return latest?.state === 'running' &&
          progress?.phase === 'shifting' &&
          progress.weight === 0.2
          ? latest
          : undefined;
      },
      // Generous: the command builds and publishes first, and the machine is shared.
      120_000,
      () => output,
    );
    await waitFor(
      async () =>
        (await liveVersion('alerts')).weights[String(Object.values(running.progress)[0]?.candidate)]
          ? true
          : undefined,
      // Within the 30 s canary step the command is in.
      20_000,
      () => output,
    );
    cli.kill('SIGKILL');
    await new Promise((resolve) => cli.once('exit', resolve));

    // Killed, it still holds the module: a second deployment is refused.
    await harness.setBehaviour('alerts', 'ok');
    await expect(harness.release(['alerts'])).rejects.toBeInstanceOf(DeploymentInProgressError);

    const alerts = await loadModule(join(harness.root, 'modules'), 'alerts');
    const resume = () =>
      resumeRelease(running.id, {
        modules: [alerts],
        targets: harness.env.targets,
        store: harness.env.store,
        buildDirectory: join(harness.root, '.turnout', 'build'),
        strategy: 'Canary20Percent1Second',
        finalBakeMs: 500,
        thresholds: RELEASE_THRESHOLDS,
        timing: { pollMs: 50, maxTrafficWaitMs: TRAFFIC_WAIT_MS },
      });
    // Resuming waits out the dead orchestrator's lease: until then it might still be alive.
    const resumed = await waitFor(
      () =>
        resume().catch((error: unknown) => {
          if (error instanceof LeaseHeldError) return undefined;
          throw error;
        }),
      30_000,
      () => output,
    );
    const report = await load.stop();
    const candidate = String(Object.values(running.progress)[0]?.candidate);
    expect(resumed.state).toBe('succeeded');
    expect(await liveVersion('alerts')).toEqual({ version: candidate, weights: {} });
    expect(resumed.events.map((e) => e.name)).toContain('resume');
    expect(report.failures).toEqual([]);
  }, 300_000);
});

describe('turnout rollback', () => {
  it('sends the traffic back to the previous version with one alias update, and records who did', async () => {
    const before = await liveVersion('alerts');
    const result = await rollbackModule({
      target: harness.env.targets[0] as DeployTarget,
      module: 'alerts',
      store: harness.env.store,
      deployments: await harness.env.store.list(),
      by: 'ana',
      reason: 'customers report errors',
    });
    expect(result.from).toBe(before.version);
    expect(Number(result.to)).toBeLessThan(Number(before.version));
    expect(await liveVersion('alerts')).toEqual({ version: result.to, weights: {} });
    expect((await latestGeneration()).releases?.alerts).toEqual({ stable: result.to });
    const [recorded] = await harness.env.store.listManualRollbacks();
    expect(recorded).toMatchObject({
      module: 'alerts',
      target: 'local',
      from: result.from,
      to: result.to,
      by: 'ana',
      reason: 'customers report errors',
    });
  });
});
