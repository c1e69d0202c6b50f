import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDev } from '../cli/dev/index.ts';
import { openEnvironment } from '../cli/open-environment.ts';
import { startConsole } from '../console/index.ts';
import { openBrowser } from '../test/support/open-browser.ts';
import type { BenchResult } from './index.ts';
import { percentile } from './measure.ts';

const repo = resolve(import.meta.dirname, '..');
const MODULES = 10;
const RUNS = 15;

/**
 * The console in headless Chromium against a local cloud with ten modules: how long the
 * fleet page takes to show all ten (navigation to the last row drawn, its data read from
 * the registry, the aliases and the health sources), and how long a write to a
 * deployment record takes to reach an open deployment page (server-sent events).
 */
export async function benchConsole(): Promise<BenchResult> {
  const root = await tenModuleProject();
  const dev = await startDev({ root, port: 0, pollIntervalMs: 200 });
  const env = await openEnvironment({ root });
  const server = await startConsole({ env });
  const browser = await openBrowser();
  try {
    const page = await browser.context.newPage();
    await page.goto(server.openUrl); // trades the token for the cookie, and warms up
    await page.waitForSelector(`tr[data-module]:nth-of-type(${MODULES})`);
    const loads: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await page.goto(`${server.url}/`);
      // A string: it runs in the page, where `document` is.
      await page.waitForFunction(
        `document.querySelectorAll('tr[data-module]').length === ${MODULES}`,
      );
      loads.push(performance.now() - started);
    }
    const updates = await measureLiveUpdates(env, page, server.url);
    return { title: 'Console: page load and live updates', body: report(loads, updates) };
  } finally {
    await browser.close();
    await server.stop();
    env.close();
    await dev.stop();
    await rm(root, { recursive: true, force: true });
  }
}

/** Writes a new weight to a running deployment's record, then times until the page shows it. */
async function measureLiveUpdates(
  env: Awaited<ReturnType<typeof openEnvironment>>,
  page: import('playwright-core').Page,
  url: string,
): Promise<number[]> {
  const id = `d-bench-${Date.now()}`;
  await env.store.create(id, {
    waves: [['fleet-01']],
    targets: ['local'],
    strategies: { 'fleet-01': 'Canary10Percent5Minutes' },
  });
  await page.goto(`${url}/deployments/${id}`);
  await page.waitForSelector('#state');
  const times: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const weight = run / 100;
    const started = performance.now();
    await env.store.progress(id, 'fleet-01', {
      phase: 'shifting',
      target: 'local',
      stable: '1',
      candidate: '1',
      weight,
      step: 0,
    });
    await page.waitForFunction(
      `document.querySelector('tr[data-key="fleet-01@local"] [data-field=weight]')?.getAttribute('data-weight') === '${weight}'`,
      undefined,
      { polling: 10 },
    );
    times.push(performance.now() - started);
  }
  await env.store.finish(id, 'failed', 'a benchmark record, never deployed');
  return times;
}

/** The release fixtures' `alerts` module ten times over, as fleet-01..fleet-10. */
async function tenModuleProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'turnout-console-bench-'));
  const fixtures = join(repo, 'test', 'fixtures', 'release');
  const modules = join(root, 'modules');
  await mkdir(modules);
  await cp(join(fixtures, 'behaviour-kinds.ts'), join(modules, 'behaviour-kinds.ts'));
  await symlink(join(repo, 'modules', 'kit'), join(modules, 'kit'));
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'));
  await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const manifest = await readFile(join(fixtures, 'alerts', 'module.ts'), 'utf8');
  for (let n = 1; n <= MODULES; n++) {
    const name = `fleet-${String(n).padStart(2, '0')}`;
    await cp(join(fixtures, 'alerts'), join(modules, name), { recursive: true });
    await writeFile(join(modules, name, 'module.ts'), manifest.replaceAll('alerts', name));
  }
  return root;
}

function report(loads: number[], updates: number[]): string {
  const row = (name: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const f = (p: number) => percentile(sorted, p).toFixed(0);
    return `| ${name} | ${values.length} | ${f(50)} | ${f(90)} | ${f(100)} |`;
  };
  return [
    `Headless Chromium (Debian's, through playwright-core) against \`turnout dev\`'s local cloud with ${MODULES} modules (the release fixture \`alerts\`, copied); the console with its default refresh (records every 250 ms, health every 1 s). Target: under 1 s each. The machine was shared with other helpers' builds and tests while this ran.`,
    '',
    '| what | runs | p50 ms | p90 ms | max ms |',
    '|---|---|---|---|---|',
    row(`fleet page: navigation until all ${MODULES} modules are drawn`, loads),
    row('live update: a deployment record write until the open page shows the new weight', updates),
    '',
    'A live update waits for the next read of the record (every 250 ms), then its drawing. The fleet is read once per second however many pages watch it, so a page opened gets a reading at most that old at once.',
  ].join('\n');
}
