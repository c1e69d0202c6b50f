/**
 * `npm run bench [-- name...]`: runs the benchmarks (all, or the named ones) and
 * rewrites their sections of BENCHMARKS.md with the figures of this run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchCells } from './cells.bench.ts';
import { benchCli } from './cli.bench.ts';
import { benchConsole } from './console.bench.ts';
import { benchDeploy } from './deploy.bench.ts';
import { benchDev } from './dev.bench.ts';
import { benchEditInit } from './edit-init.bench.ts';
import { benchAuth } from './gateway/auth-cpu.ts';
import { benchGateway } from './gateway.bench.ts';
import { benchLocalCloud } from './local-cloud.bench.ts';
import { benchLocalCloudKnownFor } from './local-cloud-known-for.bench.ts';
import { describeMachine } from './machine.ts';
import { benchRegions } from './regions.bench.ts';

export interface BenchResult {
  /** Section title in BENCHMARKS.md. */
  title: string;
  /** Markdown body: what was measured, how, and the figures. */
  body: string;
}

const benches: Record<string, () => Promise<BenchResult>> = {
  'local-cloud': benchLocalCloud,
  'local-cloud-known-for': benchLocalCloudKnownFor,
  gateway: benchGateway,
  auth: benchAuth,
  deploy: benchDeploy,
  cli: benchCli,
  dev: benchDev,
  'edit-init': benchEditInit,
  console: benchConsole,
  cells: benchCells,
  regions: benchRegions,
};

const file = join(import.meta.dirname, '..', 'BENCHMARKS.md');
const selected = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = selected.length ? selected : Object.keys(benches);

let document = await readFile(file, 'utf8').catch(
  () =>
    '# Benchmarks\n\nWritten by `npm run bench`. Each section is replaced when its benchmark runs again.\n',
);
for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    console.error(`No benchmark "${name}". Known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  console.log(`== ${name}`);
  const result = await bench();
  const section = `## ${result.title}\n\n_${new Date().toISOString().slice(0, 10)}, \`npm run bench -- ${name}\`, ${describeMachine()}_\n\n${result.body.trim()}\n`;
  console.log(section);
  document = replaceSection(document, result.title, section);
}
await writeFile(file, document);
console.log(`Wrote ${file}`);

function replaceSection(doc: string, title: string, section: string): string {
  const start = doc.indexOf(`## ${title}\n`);
  if (start === -1) return `${doc.trimEnd()}\n\n${section}`;
  const next = doc.indexOf('\n## ', start + 1);
  return doc.slice(0, start) + section + (next === -1 ? '' : doc.slice(next));
}
