import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  bundleLambda,
  moduleEntryOf,
  type PackageVendor,
  prebundlePackages,
} from '../control-plane/build/index.ts';
import { discoverModules } from '../control-plane/module-catalog/index.ts';
import type { BenchResult } from './index.ts';
import { percentile } from './measure.ts';

const repo = resolve(import.meta.dirname, '..');
const ROUNDS = 12;

/** The local Lambda's runtime: what an execution environment's process runs. */
const NODE_RUNTIME = join(repo, 'local-cloud', 'lambda', 'node-runtime.mjs');

/** Linux counts process CPU in clock ticks of 10 ms. */
const TICK_MS = 10;

type Kind = 'linked' | 'pre-bundled' | 'full bundle';

/**
 * What the pre-bundled packages change in a live edit's init (issue 17): the titles
 * module built three ways, as an edit's version without the vendor (every package
 * imported from node_modules), as one with it (`prebundlePackages`, the vendor
 * `turnout dev` builds), and as the start's full bundle, each initialised by the local
 * Lambda's runtime in a process of its own, the three in turn for each round, so a
 * change of the machine's load hits all three alike. The process's CPU (user and
 * system, Node's own start included) is the figure that load changes least.
 */
export async function benchEditInit(): Promise<BenchResult> {
  const scratch = await mkdtemp(join(tmpdir(), 'turnout-edit-init-'));
  try {
    const modules = await discoverModules(join(repo, 'modules'));
    const started = performance.now();
    const vendor = await prebundlePackages({
      entries: modules.map((m) => moduleEntryOf(m.directory, m.manifest.function.handler)),
      cacheDirectory: join(scratch, 'build-cache'),
      lockFile: join(repo, 'package-lock.json'),
      root: repo,
    });
    const vendorMs = performance.now() - started;
    const handlers = await buildTitles(scratch, vendor);
    const samples = new Map<Kind, { wallMs: number; cpuMs: number }[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [kind, file] of handlers)
        samples.set(kind, [...(samples.get(kind) ?? []), await timeInit(file)]);
    }
    return {
      title: "turnout dev: a live edit's init, linked or pre-bundled packages (issue 17)",
      body: report(samples, vendor, vendorMs),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function buildTitles(scratch: string, vendor: PackageVendor): Promise<Map<Kind, string>> {
  const entry = join(repo, 'modules', 'titles', 'handler.ts');
  const builds: [Kind, Parameters<typeof bundleLambda>[0]][] = [
    ['linked', { entry, outputDirectory: join(scratch, 'linked'), linkPackages: true }],
    [
      'pre-bundled',
      { entry, outputDirectory: join(scratch, 'vendored'), linkPackages: true, vendor },
    ],
    ['full bundle', { entry, outputDirectory: join(scratch, 'full') }],
  ];
  const handlers = new Map<Kind, string>();
  for (const [kind, options] of builds) {
    const bundle = await bundleLambda(options);
    handlers.set(kind, join(bundle.directory, bundle.entry));
  }
  return handlers;
}

/**
 * Starts the local Lambda's Node runtime on the handler, as an environment does (the
 * heap capped at titles' 256 MB), and times it to its first `GET .../next` on a stub of
 * the Runtime API: the init done. Its CPU is read from /proc then (Linux).
 */
async function timeInit(handlerFile: string): Promise<{ wallMs: number; cpuMs: number }> {
  let initialised: (at: number) => void = () => {};
  const ready = new Promise<number>((resolve) => {
    initialised = resolve;
  });
  const api = createServer((request) => {
    if (request.url?.endsWith('/invocation/next')) initialised(performance.now());
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const { port } = api.address() as AddressInfo;
  const started = performance.now();
  const child = spawn(process.execPath, ['--max-old-space-size=256', NODE_RUNTIME], {
    cwd: dirname(handlerFile),
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH,
      _HANDLER: `${basename(handlerFile, '.mjs')}.handler`,
      LAMBDA_TASK_ROOT: dirname(handlerFile),
      AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`,
      AWS_LAMBDA_FUNCTION_NAME: 'turnout-titles',
      AWS_REGION: 'us-east-1',
      TURNOUT_TABLE_TITLES: 'titles',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  try {
    const wallMs = (await ready) - started;
    const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    return { wallMs, cpuMs };
  } finally {
    child.kill('SIGKILL');
    api.closeAllConnections();
    api.close();
  }
}

function report(
  samples: Map<Kind, { wallMs: number; cpuMs: number }[]>,
  vendor: PackageVendor,
  vendorMs: number,
): string {
  const median = (values: number[]) =>
    Math.round(
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      ),
    );
  const rows = [...samples].map(
    ([kind, s]) =>
      `| ${kind} | ${median(s.map((x) => x.cpuMs))} | ${median(s.map((x) => x.wallMs))} | ${s.map((x) => Math.round(x.cpuMs)).join(', ')} |`,
  );
  return `
The titles handler's init in the local Lambda's own runtime (\`local-cloud/lambda/node-runtime.mjs\`,
started as an environment starts it, timed to its first \`GET /next\` on a stub Runtime API;
its CPU from /proc then, Node's own start included), ${ROUNDS} rounds, the three builds in
turn in each; medians. The vendor: ${Object.keys(vendor.entries).length}
package imports of the ten modules, built in ${Math.round(vendorMs)} ms (once per lockfile;
\`turnout dev\` builds it in the background once Turnout is running). The load average
above says how busy the machine was.

| build of titles | runtime CPU to ready (ms) | spawn to ready (ms) | CPU of each round (ms) |
|---|---|---|---|
${rows.join('\n')}

A live edit's \`warm\` step waits for this init (started by PutProvisionedConcurrencyConfig
from the \`turnout dev\` process, while the publish checks run beside it).
`;
}
