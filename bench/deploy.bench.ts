import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import {
  DEFAULT_THRESHOLDS,
  type DeployTarget,
  rollbackModule,
} from '../control-plane/deploy/index.ts';
import type { Behaviour } from '../test/fixtures/release/behaviour-kinds.ts';
import { type ReleaseHarness, startReleaseHarness } from '../test/support/release-harness.ts';
import type { BenchResult } from './index.ts';

const BAD: Behaviour[] = ['fail-all', 'fail-20', 'slow-500', 'wrong-answer'];
const RUNS = 3;

interface CaseFigures {
  behaviour: Behaviour;
  /** The module given the bad version: alerts (REST), or catalog (GraphQL) for a wrong answer. */
  module: string;
  fromShiftMs: number[];
  fromFirstBadMs: number[];
  clientFailures: number;
  requests: number;
  laterWavesTouched: number;
}

/**
 * The pipeline against bad versions, end to end on the local cloud under a steady load
 * through the gateway, with fast local bake settings: how long from the first bad
 * response until the bad version has 0% of the traffic, and what clients saw. Then how
 * long `turnout rollback` takes.
 */
export async function benchDeploy(): Promise<BenchResult> {
  const harness = await startReleaseHarness();
  try {
    const cases: CaseFigures[] = [];
    for (const behaviour of BAD) cases.push(await measureCase(harness, behaviour));
    const rollback = await measureRollback(harness);
    return {
      title: 'Deployment: detection to rollback, client errors, one-call rollback',
      body: report(cases, rollback),
    };
  } finally {
    await harness.stop();
  }
}

async function measureCase(harness: ReleaseHarness, behaviour: Behaviour): Promise<CaseFigures> {
  // A wrong answer needs a graphlet: the gateway checks what it asked of one.
  const module = behaviour === 'wrong-answer' ? 'catalog' : 'alerts';
  const figures: CaseFigures = {
    behaviour,
    module,
    fromShiftMs: [],
    fromFirstBadMs: [],
    clientFailures: 0,
    requests: 0,
    laterWavesTouched: 0,
  };
  for (let run = 0; run < RUNS; run++) {
    await harness.setBehaviour(module, behaviour);
    await harness.setBehaviour('checkout', 'ok');
    const logFrom = harness.gatewayLog.length;
    const load = harness.startLoad({ concurrency: 8 });
    const { record, events } = await harness.release([module, 'checkout'], {
      strategy: 'Canary20Percent3Seconds',
      // The product's latency slack: the harness widens it for tests not about latency.
      thresholds: { latencySlackMs: DEFAULT_THRESHOLDS.latencySlackMs },
    });
    const seen = await load.stop();
    await harness.setBehaviour(module, 'ok');
    if (record.state !== 'rolled-back')
      throw new Error(`${behaviour}: expected a rollback, got ${record.state}`);
    const shift = events.find((e) => e.module === module && e.name === 'shift')?.atMs ?? Number.NaN;
    const rolledBack = events.find((e) => e.name === 'rollback')?.atMs ?? Number.NaN;
    figures.fromShiftMs.push(rolledBack - shift);
    figures.fromFirstBadMs.push(rolledBack - firstBadResponse(harness, logFrom, behaviour, shift));
    figures.clientFailures += seen.failed;
    figures.requests += seen.sent;
    figures.laterWavesTouched += events.filter((e) => e.module === 'checkout').length;
  }
  return figures;
}

/**
 * When the first client-bound answer went bad: the gateway's first canary failure for
 * the failing versions; for the slow one, the first canary answer, which cannot come
 * sooner than 500 ms after the shift.
 */
function firstBadResponse(
  harness: ReleaseHarness,
  from: number,
  behaviour: Behaviour,
  shift: number,
): number {
  if (behaviour === 'slow-500') return shift + 500;
  const line = harness.gatewayLog.slice(from).find((l) => l.line.includes('canary failed'));
  return line?.atMs ?? shift;
}

async function measureRollback(harness: ReleaseHarness) {
  await harness.setBehaviour('alerts', 'ok');
  const noTraffic = {
    strategy: 'AllAtOnce',
    thresholds: { minInvocations: 0, minLatencySamples: 0 },
  };
  const { record } = await harness.release(['alerts'], noTraffic);
  if (record.state !== 'succeeded')
    throw new Error(`could not deploy a version to roll back: ${record.state}`);
  const started = performance.now();
  const result = await rollbackModule({
    target: harness.env.targets[0] as DeployTarget,
    module: 'alerts',
    store: harness.env.store,
    deployments: await harness.env.store.list(),
  });
  const inProcessMs = performance.now() - started;
  await harness.setBehaviour('alerts', 'ok');
  await harness.release(['alerts'], noTraffic);
  const cliMs = await timeCli(harness.root, ['rollback', 'alerts']);
  const schemaBackMs = await measureSchemaBack(harness);
  return { inProcessMs, updateAliasMs: result.updateMs, cliMs, schemaBackMs };
}

const EDITION_SDL =
  'type Query { catalogPing: String! catalogStatus: String! catalogEdition: String! }';

/**
 * `turnout rollback catalog` of a version that added a field, as a new process: how long
 * from the command's start until the alias is back and the gateway no longer serves the
 * field (it polls the registry every 200 ms here, as in the tests).
 */
async function measureSchemaBack(harness: ReleaseHarness): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await harness.setSchema('catalog', EDITION_SDL);
    await harness.release(['catalog'], {
      strategy: 'AllAtOnce',
      thresholds: { minInvocations: 0, minLatencySamples: 0 },
    });
    await waitUntil(() => advertises(harness.gateway, 'catalogEdition'));
    const started = performance.now();
    const cli = timeCli(harness.root, ['rollback', 'catalog']);
    await waitUntil(async () => !(await advertises(harness.gateway, 'catalogEdition')));
    const schemaGone = performance.now() - started;
    await cli;
    // Both halves: the alias is back when the command returns, the schema when it is gone.
    times.push(Math.max(schemaGone, performance.now() - started));
    await harness.setSchema(
      'catalog',
      'type Query { catalogPing: String! catalogStatus: String! }',
    );
    await harness.release(['catalog'], {
      strategy: 'AllAtOnce',
      allowBreaking: true,
      thresholds: { minInvocations: 0, minLatencySamples: 0 },
    });
  }
  return times;
}

async function advertises(gateway: string, field: string): Promise<boolean> {
  const answer = await fetch(`${gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __type(name: "Query") { fields { name } } }' }),
  });
  const body = (await answer.json()) as { data?: { __type?: { fields: { name: string }[] } } };
  return body.data?.__type?.fields.some((f) => f.name === field) ?? false;
}

/** Polls every 5 ms; gives up after 60 s so the benchmark always ends. */
async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error('gave up waiting after 60 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function timeCli(root: string, args: string[]): Promise<number> {
  const repo = resolve(import.meta.dirname, '..');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(repo, 'bin', 'turnout.js'), ...args, '--root', root],
    { stdio: 'ignore' },
  );
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`turnout ${args.join(' ')} exited with ${code}`);
  return performance.now() - started;
}

function report(
  cases: CaseFigures[],
  rollback: { inProcessMs: number; updateAliasMs: number; cliMs: number; schemaBackMs: number[] },
): string {
  const stat = (xs: number[]) =>
    `${Math.round(median(xs))} ms (max ${Math.round(Math.max(...xs))})`;
  const lines = [
    `Three fixture modules (alerts: low, catalog: medium, checkout: critical; \`test/fixtures/release\`) on the local cloud behind the gateway, under a steady load of 8 concurrent clients (REST GETs and a GraphQL query). The release deploys alerts (bad) and checkout; strategy \`Canary20Percent3Seconds\`, health polled every 50 ms, at least 5 invokes (20 completed for latency) before a promotion. ${RUNS} runs per case.`,
    '',
    '| new version | first bad response -> 0% on it | traffic shift -> 0% on it | client requests | failed client requests | later-wave events |',
    '|---|---|---|---|---|---|',
    ...cases.map(
      (c) =>
        `| ${c.behaviour} (${c.module}) | ${stat(c.fromFirstBadMs)} | ${stat(c.fromShiftMs)} | ${c.requests} | ${c.clientFailures} | ${c.laterWavesTouched} |`,
    ),
    '',
    'Targets: under 2 s from the first bad response to 0% on the bad version (CodeDeploy with CloudWatch alarms takes 1-3 minutes); 0 client-visible errors for queries (the gateway retries a failed query, GET or HEAD of the canary on the stable version). "First bad response" is the gateway\'s first canary failure for the failing versions, and the shift plus 500 ms for the slow one (no answer of it can come sooner). `wrong-answer` is a catalog version that answers `catalogStatus: null` with no error: the gateway\'s check of every answer against the query it sent counts it as a module error.',
    '',
    `\`turnout rollback alerts\`: the one UpdateAlias call ${rollback.updateAliasMs.toFixed(1)} ms; \`rollbackModule()\` with its reads ${rollback.inProcessMs.toFixed(1)} ms; the whole command as a new process ${Math.round(rollback.cliMs)} ms. Target: under 1 s.`,
    '',
    `\`turnout rollback catalog\` of a version that added a field, from the command's start until its alias is back and the gateway no longer serves the field (gateway registry poll 200 ms): ${stat(rollback.schemaBackMs)} over ${RUNS} runs. Target: under 1 s on a quiet machine.`,
  ];
  return lines.join('\n');
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
