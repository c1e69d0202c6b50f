import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type DevEnvironment, startDev } from '../../cli/dev/index.ts';
import { type Environment, openEnvironment } from '../../cli/open-environment.ts';
import type { DeploymentRecord, ReleaseOptions } from '../../control-plane/deploy/index.ts';
import { runRelease } from '../../control-plane/deploy/index.ts';
import { loadModule } from '../../control-plane/module-catalog/index.ts';
import { makeProject } from './make-project.ts';
import type { RecordedEvent } from './release-harness.ts';
import { type LoadRequest, startSteadyLoad } from './steady-load.ts';

const _repo = resolve(import.meta.dirname, '..', '..');

/**
 * IMDb graphlets (by default the three the Known-for query needs: names, titles,
 * images) copied into a project of their own and running on a local cloud behind a
 * gateway, as `turnout dev` runs them, seeded: a test changes a module's code in its
 * copy (`editModule`), then releases it with the pipeline.
 */
export async function startImdbReleaseHarness(modules = ['names', 'titles', 'images']) {
  const root = await makeProject('turnout-imdb-release-', modules);
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
