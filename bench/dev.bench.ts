import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DevEndpoints } from '../cli/dev/index.ts';
import { makeScratchProject } from '../test/support/scratch-project.ts';
import { spawnTurnout, waitFor } from '../test/support/turnout-process.ts';
import type { BenchResult } from './index.ts';
import { percentile } from './measure.ts';

/** Starts after the first (which fills the build cache), and edits served. */
const WARM_STARTS = 3;
const EDITS = 5;

interface Start {
  ms: number;
  /** The start's own account: `manifests 0.4 s, module builds 0.6 s (...), ...`. */
  phases: string;
}

/**
 * `turnout dev` for a module team: how long `npm start` takes to "Turnout is running",
 * on a scratch copy of the project, the first time (no bundle cache) and then with the
 * cache; and how long after a save of a module's resolver the gateway answers with the
 * new code, measured from outside (the save, then a query every 10 ms until the answer
 * changes), beside the time `turnout dev` prints for the edit.
 */
export async function benchDev(): Promise<BenchResult> {
  const project = await makeScratchProject();
  try {
    const first = await timeStart(project.root);
    const warm: Start[] = [];
    for (let i = 0; i < WARM_STARTS; i++) warm.push(await timeStart(project.root));
    // Without the vendor first, then with it: an A/B at the same load.
    const linked = await timeEdits(project.root, false);
    const edits = await timeEdits(project.root, true);
    return {
      title: 'turnout dev: start and live edits',
      body: report(first, warm, edits, linked.edits),
    };
  } finally {
    await project.remove();
  }
}

async function timeStart(root: string): Promise<Start> {
  const dev = spawnTurnout(root, ['dev', '--port', '0', '--no-watch']);
  try {
    const line = await waitFor(
      async () =>
        /Turnout is running \((\d+) ms\):\n {2}the start: (.*)\n/.exec(dev.output()) ?? undefined,
      600_000,
      dev.output,
    );
    return { ms: Number(line[1]), phases: line[2] ?? '' };
  } finally {
    dev.child.kill('SIGTERM');
    await dev.exited;
  }
}

interface Edit {
  /** From the save to the first answer with the new code, seen by a client. */
  servedMs: number;
  /** What `turnout dev` printed: from the save to the gateway loading the generation. */
  printed: string;
}

async function timeEdits(
  root: string,
  prebundle: boolean,
): Promise<{ edits: Edit[]; vendor: string }> {
  const dev = spawnTurnout(root, ['dev', '--port', '0', ...(prebundle ? [] : ['--no-prebundle'])]);
  const file = join(root, 'modules', 'titles', 'create-titles-graphlet.ts');
  const original = await readFile(file, 'utf8');
  try {
    await waitFor(
      async () => (dev.output().includes('watching') ? true : undefined),
      600_000,
      dev.output,
    );
    const endpoints = JSON.parse(
      await readFile(join(root, '.turnout', 'endpoints.json'), 'utf8'),
    ) as DevEndpoints;
    const title = async () => {
      const answer = await fetch(`${endpoints.gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ title(id: "tt0089374") { title } }' }),
      });
      return ((await answer.json()) as { data?: { title?: { title?: string } } }).data?.title
        ?.title;
    };
    await waitFor(title, 120_000, dev.output);
    // The edits measure the steady state: the packages pre-bundled (built once, in the background).
    const vendor = prebundle
      ? await waitFor(
          async () => /live edits load [^\n]*/.exec(dev.output())?.[0],
          300_000,
          dev.output,
        )
      : 'none';
    const edits: Edit[] = [];
    for (let i = 1; i <= EDITS; i++) {
      const marker = `(edit ${i})`;
      const printedBefore = dev.output().length;
      const saved = performance.now();
      await writeFile(
        file,
        original.replace(
          'return title ?? null;',
          `return title ? { ...title, title: title.title + ' ${marker}' } : null;`,
        ),
      );
      await waitFor(
        async () => ((await title())?.endsWith(marker) ? true : undefined),
        120_000,
        dev.output,
      );
      const servedMs = performance.now() - saved;
      const printed = await waitFor(
        async () => /titles: version \d+ serves[^\n]*/.exec(dev.output().slice(printedBefore))?.[0],
        30_000,
        dev.output,
      );
      edits.push({ servedMs, printed });
    }
    return { edits, vendor };
  } finally {
    await writeFile(file, original);
    dev.child.kill('SIGTERM');
    await dev.exited;
  }
}

function report(
  first: Start,
  warm: Start[],
  { edits, vendor }: { edits: Edit[]; vendor: string },
  linked: Edit[],
): string {
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  const warmMs = warm.map((s) => s.ms);
  const servedMs = edits.map((e) => e.servedMs);
  const linkedMs = linked.map((e) => e.servedMs);
  return `
\`npm start\` (\`turnout dev --port 0\`) on a scratch copy of the project, to "Turnout is
running"; the load average above says how busy the machine was.

| start | ms | where it went (as \`turnout dev\` prints it) |
|---|---|---|
| first, no bundle cache | ${first.ms} | ${first.phases} |
${warm.map((s, i) => `| with the cache, run ${i + 1} | ${s.ms} | ${s.phases} |`).join('\n')}

Median start with the cache: **${Math.round(median(warmMs))} ms**.

A save of the titles graphlet's resolver, ${EDITS} times, each to the first client
answer with the new code (a query every 10 ms): median **${Math.round(median(servedMs))} ms**,
max ${Math.round(Math.max(...servedMs))} ms. The new version's environment runs its init
(loading its packages pre-bundled once per lockfile, \`${vendor.trim()}\`) before \`live\`
moves to it, the \`warm\` step, so its first answer is not a cold start. What \`turnout dev\`
printed for each:

${edits.map((e) => `- ${Math.round(e.servedMs)} ms seen by the client; printed: \`${e.printed}\``).join('\n')}

The same ${EDITS} saves just before, on a \`turnout dev --no-prebundle\` (every package of the
edit's version loaded from node_modules, as before the vendor): median
**${Math.round(median(linkedMs))} ms**, max ${Math.round(Math.max(...linkedMs))} ms.

${linked.map((e) => `- ${Math.round(e.servedMs)} ms seen by the client; printed: \`${e.printed}\``).join('\n')}
`;
}
