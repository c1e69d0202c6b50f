import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pointAlias } from '../control-plane/deploy/index.ts';
import { functionName, LIVE_ALIAS } from '../modules/kit/resource-names.ts';
import { type ReleaseHarness, startReleaseHarness } from '../test/support/release-harness.ts';
import type { BenchResult } from './index.ts';
import { percentile } from './measure.ts';

const RUNS = 15;
const repo = resolve(import.meta.dirname, '..');
const turnoutBin = join(repo, 'bin', 'turnout.js');

interface Case {
  name: string;
  args: string[];
  /** Untimed, before each run: e.g. put back what the previous run changed. */
  before?: () => Promise<void>;
  /** The exit code a run must end with. */
  exitCode?: number;
}

/**
 * How long the operator's commands take to start and finish, as new processes (Node's
 * start, loading the built CLI and the AWS SDK, the calls to the local cloud): `--help`,
 * `status` and a real `rollback`, against `node -e 0` on the same machine, in turn, after
 * one unrecorded run of each.
 */
export async function benchCli(): Promise<BenchResult> {
  const harness = await startReleaseHarness();
  try {
    const live = await deployASecondVersion(harness);
    const root = ['--root', harness.root];
    const cases: Case[] = [
      { name: '`node -e 0` (the floor)', args: [] },
      { name: '`turnout --help`', args: ['--help'] },
      { name: '`turnout status`', args: ['status', ...root] },
      {
        name: `\`turnout rollback alerts\` (v${live} -> v${Number(live) - 1})`,
        args: ['rollback', 'alerts', ...root],
        // Each run rolls back for real: the alias goes back to the new version first.
        before: async () => {
          await pointAlias(
            harness.env.clients.lambda,
            { functionName: functionName('alerts'), alias: LIVE_ALIAS },
            live,
          );
        },
      },
    ];
    const times = await timeInTurn(cases);
    return { title: 'CLI: command start to exit', body: report(cases, times) };
  } finally {
    await harness.stop();
  }
}

/** A version to roll back from: alerts v2 over v1, all at once, no traffic needed. */
async function deployASecondVersion(harness: ReleaseHarness): Promise<string> {
  await harness.setBehaviour('alerts', 'ok');
  const { record } = await harness.release(['alerts'], {
    strategy: 'AllAtOnce',
    thresholds: { minInvocations: 0, minLatencySamples: 0 },
  });
  const progress = Object.values(record.progress)[0];
  if (record.state !== 'succeeded' || !progress?.candidate)
    throw new Error(`could not deploy a version to roll back: ${record.state}`);
  return progress.candidate;
}

/** Every case once per round, RUNS rounds after a warm-up one: drift hits all alike. */
async function timeInTurn(cases: Case[]): Promise<number[][]> {
  const times: number[][] = cases.map(() => []);
  for (let round = 0; round <= RUNS; round++) {
    for (const [i, c] of cases.entries()) {
      await c.before?.();
      const ms = await timeProcess(c.args.length ? [turnoutBin, ...c.args] : ['-e', '0']);
      if (round > 0) times[i]?.push(ms);
    }
  }
  return times;
}

async function timeProcess(args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}: ${stderr}`);
  return ms;
}

function report(cases: Case[], times: number[][]): string {
  const floor = median(times[0] ?? []);
  const rows = cases.map((c, i) => {
    const sorted = [...(times[i] ?? [])].sort((a, b) => a - b);
    const mid = median(sorted);
    return `| ${c.name} | ${Math.round(mid)} ms | ${Math.round(sorted[0] ?? 0)} ms | ${Math.round(percentile(sorted, 100))} ms | ${i === 0 ? '-' : `+${Math.round(mid - floor)} ms`} |`;
  });
  return [
    `Each command as a new process (\`node bin/turnout.js ...\`), from spawn to exit, ${RUNS} runs of each in turn after one unrecorded round. The CLI runs as the JavaScript \`npm install\` builds into \`dist/cli/\` (no TypeScript compiler at start); \`status\` and \`rollback\` load the AWS SDK and call the local cloud of the release fixtures (three modules; DynamoDB Local, the local Lambda). Each \`rollback\` is a real one: \`live\` is pointed back at the new version, untimed, before each run.`,
    '',
    '| command | median | min | max | over `node -e 0` |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Target: under 300 ms each on a quiet machine. Read the figures with the load average above: on a shared machine a busy neighbour adds to every row.',
  ].join('\n');
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
