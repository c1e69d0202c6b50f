import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GetAliasCommand } from '@aws-sdk/client-lambda';
import { type DevEnvironment, startDev } from '../../cli/dev/index.ts';
import { type Environment, openEnvironment } from '../../cli/open-environment.ts';
import type {
  DeploymentEvent,
  DeploymentRecord,
  ModuleProgress,
  ReleaseOptions,
} from '../../control-plane/deploy/index.ts';
import { runRelease } from '../../control-plane/deploy/index.ts';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
import { readLatestGeneration } from '../../control-plane/registry/index.ts';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import type { Behaviour } from '../fixtures/release/behaviour-kinds.ts';
import { type LoadRequest, startSteadyLoad } from './steady-load.ts';

const repo = resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/**
 * How long past its bake time a step waits for the traffic it needs to judge (5 invokes
 * in the step, 20 completed on the new version). The harness's load brings them within a
 * second or two on an idle machine; a loaded one serves a few requests a second, a third
 * of them to a module and a fifth of those to its canary, so the step waits for the
 * evidence instead of calling it starved. It never promotes without it: the wait weakens
 * nothing, and ends as soon as the evidence is in.
 */
export const TRAFFIC_WAIT_MS = 120_000;

/**
 * The bake's thresholds in these tests. The load is small, so few invokes are asked for.
 * Latency: a new version's first invokes run in a fresh worker, on code V8 has not
 * optimised yet, which a loaded machine stretches from milliseconds to hundreds (a
 * healthy version was judged at a p90 of 512 ms against 128 ms on the old one, load 13).
 * The product's 250 ms slack calls that a breach; the tests that are not about latency
 * allow 5 s, and the test of a slow version sets the product's own.
 */
export const RELEASE_THRESHOLDS = {
  minInvocations: 5,
  minLatencySamples: 20,
  latencySlackMs: 5_000,
} as const;

/** Release tests give themselves this long (300 s): every step may wait for traffic. */
export const RELEASE_TEST_TIMEOUT_MS = 300_000;

export interface RecordedEvent extends Omit<DeploymentEvent, 'at'> {
  atMs: number;
  progress?: ModuleProgress;
}

/**
 * The three fixture modules (alerts: low, catalog: medium, checkout: critical) running
 * on a local cloud behind a gateway, as `turnout dev` runs them, ready to be released.
 * `fixtures: 'cells'` runs test/fixtures/cells instead (depot, in three cells).
 */
export async function startReleaseHarness({
  fixtures = 'release',
}: {
  fixtures?: 'release' | 'cells';
} = {}) {
  const gatewayLog: { atMs: number; line: string }[] = [];
  const root = await mkdtemp(join(tmpdir(), 'turnout-release-'));
  const modules = join(root, 'modules');
  await mkdir(modules);
  await cp(join(repo, 'test', 'fixtures', fixtures), modules, {
    recursive: true,
    filter: (source) => !source.includes(`${join(fixtures, 'kit')}`),
  });
  // The behaviours are the release fixtures' own; other fixtures re-export them.
  const kinds = join(repo, 'test', 'fixtures', 'release', 'behaviour-kinds.ts');
  await cp(kinds, join(modules, 'behaviour-kinds.ts'));
  await symlink(join(repo, 'modules', 'kit'), join(modules, 'kit'));
  // A project has its dependencies beside it, as the repo does: a fixture imports hono.
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'));
  // A project root is an ES module package, as the repo is: the CLI loads module.ts as ESM.
  await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const dev: DevEnvironment = await startDev({
    root,
    port: 0,
    pollIntervalMs: 200,
    gatewayLog: (line) => gatewayLog.push({ atMs: Date.now(), line }),
  });
  const env: Environment = await openEnvironment({ root });
  let releases = 1;

  return {
    root,
    dev,
    env,
    gateway: dev.gateway.url,
    /** The gateway's JSON log lines, with when each was written. */
    gatewayLog,
    /** Gives the module's next version this behaviour (and new code, so it publishes). */
    async setBehaviour(module: string, behaviour: Behaviour) {
      releases++;
      const text = `import type { Behaviour } from '../behaviour-kinds.ts';\n\nexport const BEHAVIOUR: Behaviour = '${behaviour}';\nexport const RELEASE = 'r${releases}';\n`;
      await writeFile(join(modules, module, 'behaviour.ts'), text);
    },
    /** Replaces a fixture module's schema file, e.g. with a breaking change. */
    async setSchema(module: string, sdl: string) {
      releases++;
      await writeFile(
        join(modules, module, 'schema.ts'),
        `export const sdl = /* GraphQL */ \`${sdl}\`;\n`,
      );
    },
    /**
     * Releases with fast local settings; every event is kept with its time. Thresholds
     * given are merged into {@link RELEASE_THRESHOLDS}.
     */
    async release(names: string[], overrides: Partial<ReleaseOptions> = {}) {
      const events: RecordedEvent[] = [];
      const record: DeploymentRecord = await runRelease({
        modules: await Promise.all(names.map((n) => loadFreshModule(modules, n))),
        targets: env.targets,
        store: env.store,
        buildDirectory: join(root, '.turnout', 'build'),
        strategy: 'Canary20Percent1Second',
        finalBakeMs: 700,
        timing: { pollMs: 50, maxTrafficWaitMs: TRAFFIC_WAIT_MS },
        onEvent: (event, progress) => events.push({ ...event, atMs: Date.now(), progress }),
        ...overrides,
        thresholds: { ...RELEASE_THRESHOLDS, ...overrides.thresholds },
      });
      return { record, events };
    },
    /** The module's `live` alias: the version it serves and any weighted canary. */
    async liveVersion(module: string) {
      const alias = await env.clients.lambda.send(
        new GetAliasCommand({ FunctionName: `turnout-${module}`, Name: 'live' }),
      );
      return {
        version: alias.FunctionVersion,
        weights: alias.RoutingConfig?.AdditionalVersionWeights ?? {},
      };
    },
    /** The registry's newest generation (there is always one once `turnout dev` started). */
    async latestGeneration() {
      const latest = await readLatestGeneration(env.clients.documents, env.registryTable);
      if (!latest) throw new Error('the registry has no generation');
      return latest;
    },
    /** Load until stopped: it ends by itself only after the longest a release test may take. */
    startLoad(options?: Parameters<typeof startSteadyLoad>[1] & { requests?: LoadRequest[] }) {
      return startSteadyLoad(options?.requests ?? fixtureRequests(dev.gateway.url), {
        maxMs: RELEASE_TEST_TIMEOUT_MS,
        ...options,
      });
    },
    async stop() {
      env.close();
      await dev.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A module's manifest as it is on disk now (see print-manifest.ts), and its folder. */
async function loadFreshModule(modulesDirectory: string, name: string): Promise<DiscoveredModule> {
  const { stdout } = await run(
    process.execPath,
    [
      join(repo, 'bin', 'run-ts.js'),
      join(repo, 'test', 'support', 'print-manifest.ts'),
      modulesDirectory,
      name,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return {
    manifest: JSON.parse(stdout) as ModuleManifest,
    directory: join(modulesDirectory, name),
  };
}

export type ReleaseHarness = Awaited<ReturnType<typeof startReleaseHarness>>;

function fixtureRequests(gateway: string): LoadRequest[] {
  const okJson = (response: Response) => response.status === 200;
  return [
    { name: 'GET /alerts', send: () => fetch(`${gateway}/alerts/today`), ok: okJson },
    { name: 'GET /checkout', send: () => fetch(`${gateway}/checkout/cart`), ok: okJson },
    {
      name: 'query catalogStatus',
      send: () =>
        fetch(`${gateway}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json',
          },
          body: JSON.stringify({ query: '{ catalogStatus }' }),
        }),
      ok: (response, body) => response.status === 200 && !JSON.parse(body).errors,
    },
  ];
}
