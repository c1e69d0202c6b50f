import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  bundleLambda,
  moduleEntryOf,
  type PackageVendor,
  prebundlePackages,
} from '../control-plane/build/index.ts';
import { discoverModules } from '../control-plane/module-catalog/index.ts';
import type { BenchResult } from './index.ts';
import { percentile } from './measure.ts';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '..');
const ROUNDS = 12;

/** Imports the handler (argv[1]) in a fresh Node process: what an environment's init loads. */
const IMPORT_HANDLER = `
const started = performance.now();
await import(process.argv[1]);
const wallMs = performance.now() - started;
const { user, system } = process.cpuUsage();
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (user + system) / 1000 }));
`;

type Kind = 'linked' | 'pre-bundled' | 'full bundle';

/**
 * What the pre-bundled packages change in a live edit's init (issue 17): the titles
 * module built three ways, as an edit's version without the vendor (every package
 * imported from node_modules), as one with it (`prebundlePackages`, the vendor
 * `turnout dev` builds), and as the start's full bundle, each imported in a fresh Node
 * process, the three in turn for each round, so a change of the machine's load hits
 * all three alike. The process's CPU (user and system, Node's own start included) is
 * the figure that load changes least.
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
      for (const [kind, file] of handlers) {
        const { stdout } = await run(
          process.execPath,
          ['--no-warnings', '--input-type=module', '-e', IMPORT_HANDLER, pathToFileURL(file).href],
          { env: { ...process.env, TURNOUT_TABLE_TITLES: 'titles', AWS_REGION: 'us-east-1' } },
        );
        samples.set(kind, [...(samples.get(kind) ?? []), JSON.parse(stdout)]);
      }
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
The titles handler imported in a fresh Node process (\`node -e "await import(handler)"\`),
${ROUNDS} rounds, the three builds in turn in each; medians. The vendor: ${Object.keys(vendor.entries).length}
package imports of the ten modules, built in ${Math.round(vendorMs)} ms (once per lockfile;
\`turnout dev\` builds it in the background once Turnout is running). The machine was
shared with other helpers' work (see the load average above).

| build of titles | process CPU (ms) | import (ms) | CPU of each round (ms) |
|---|---|---|---|
${rows.join('\n')}

An environment's init in the local Lambda is this import plus its runtime's own start; a
live edit's \`warm\` step waits for it.
`;
}
