import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DevEnvironment, startDev } from '../../cli/dev/index.ts';
import { type Environment, openEnvironment } from '../../cli/open-environment.ts';
import type { DeploymentRecord, ReleaseOptions } from '../../control-plane/deploy/index.ts';
import { runRelease } from '../../control-plane/deploy/index.ts';
import { loadModule } from '../../control-plane/module-catalog/index.ts';
import type { RecordedEvent } from './release-harness.ts';
import { type LoadRequest, startSteadyLoad } from './steady-load.ts';

const repo = resolve(import.meta.dirname, '..', '..');

/**
 * IMDb graphlets (by default the three the Known-for query needs: names, titles,
 * images) copied into a project of their own and running on a local cloud behind a
 * gateway, as `turnout dev` runs them, seeded: a test changes a module's code in its
 * copy (`editModule`), then releases it with the pipeline.
 */
export async function startImdbReleaseHarness(modules = ['names', 'titles', 'images']) {
  const root = await mkdtemp(join(tmpdir(), 'turnout-imdb-release-'));
  await mkdir(join(root, 'modules'));
  for (const module of modules) {
    await cp(join(repo, 'modules', module), join(root, 'modules', module), {
      recursive: true,
      filter: (source) => !source.endsWith('.test.ts'),
    });
  }
  await symlink(join(repo, 'modules', 'kit'), join(root, 'modules', 'kit'));
  // The IMDb modules import the AWS SDK (the release fixtures import only the kit).
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'));
  // A project root is an ES module package, as the repo is: the CLI loads module.ts as ESM.
  await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const dev: DevEnvironment = await startDev({ root, port: 0, pollIntervalMs: 200 });
  const env: Environment = await openEnvironment({ root });

  return {
    root,
    gateway: dev.gateway.url,
    dev,
    /** Rewrites a file of the module's copy: its next release builds the new code. */
    async editModule(module: string, file: string, edit: (text: string) => string) {
      const path = join(root, 'modules', module, file);
      const before = await readFile(path, 'utf8');
      const after = edit(before);
      if (after === before) throw new Error(`the edit changed nothing in ${module}/${file}`);
      await writeFile(path, after);
    },
    /** Releases with fast local settings; every event is kept with its time. */
    async release(names: string[], overrides: Partial<ReleaseOptions> = {}) {
      const events: RecordedEvent[] = [];
      const record: DeploymentRecord = await runRelease({
        modules: await Promise.all(names.map((n) => loadModule(join(root, 'modules'), n))),
        targets: env.targets,
        store: env.store,
        buildDirectory: join(root, '.turnout', 'build'),
        strategy: 'Canary20Percent3Seconds',
        finalBakeMs: 700,
        thresholds: { minInvocations: 5, minLatencySamples: 20 },
        // A loaded machine may serve the load slowly: wait for the traffic a bake needs.
        timing: { pollMs: 50, maxTrafficWaitMs: 60_000 },
        onEvent: (event, progress) => events.push({ ...event, atMs: Date.now(), progress }),
        ...overrides,
      });
      return { record, events };
    },
    startLoad(requests: LoadRequest[], options?: Parameters<typeof startSteadyLoad>[1]) {
      return startSteadyLoad(requests, options);
    },
    async stop() {
      env.close();
      await dev.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export type ImdbReleaseHarness = Awaited<ReturnType<typeof startImdbReleaseHarness>>;
