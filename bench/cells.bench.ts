/**
 * `npm run bench -- cells`: what routing by cell costs the gateway, and what a bad
 * version in one cell costs the others.
 *
 * 1. Gateway CPU per REST request to one module, with and without a cell map, in one
 *    process, rounds alternating, medians: the same requests (a facility key in a header,
 *    1,000 keys), a stand-in invoker answering at once, so the figures are the gateway's.
 * 2. A bad version (every request fails) deployed to a cellular module on the local
 *    cloud (test/fixtures/cells: depot in three cells) under a steady load over keys of
 *    every cell: the errors clients of cells 2 and 3 saw (target 0).
 */
import { CELL_BUCKETS, cellOfKey, evenBucketRanges } from '../contracts/cell-map.ts';
import { progressKey } from '../contracts/deployment-record.ts';
import type { SupergraphGeneration } from '../contracts/registry.ts';
import { createGateway } from '../gateway/create-gateway.ts';
import type { Invoker } from '../gateway/invoke/types.ts';
import { startReleaseHarness } from '../test/support/release-harness.ts';
import type { LoadRequest } from '../test/support/steady-load.ts';
import type { BenchResult } from './index.ts';

const CELLS = ['cell-1', 'cell-2', 'cell-3'];
const KEYS = Array.from({ length: 1000 }, (_, i) => `FAC-${i}`);

function depotGeneration(withCells: boolean): SupergraphGeneration {
  return {
    pk: 'supergraph',
    sk: 'generation#000000000001',
    format: 1,
    generation: 1,
    createdAt: new Date(0).toISOString(),
    publishedBy: 'depot',
    subgraphs: [],
    supergraphSdl: '',
    routes: [
      {
        prefix: '/depot',
        module: 'depot',
        functionName: 'turnout-depot',
        alias: 'live',
        timeoutMs: 5000,
      },
    ],
    ...(withCells
      ? {
          cells: {
            depot: {
              cells: CELLS.map((name) => ({ name, functionName: `turnout-depot-${name}` })),
              buckets: CELL_BUCKETS,
              ranges: evenBucketRanges(CELLS),
              overrides: { 'FAC-7': 'cell-3' },
              key: { rest: [{ path: '/depot', header: 'x-facility-id' }] },
            },
          },
        }
      : {}),
  };
}

const answer = JSON.stringify({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"ok":true}',
});
const invoke: Invoker = async () => ({
  statusCode: 200,
  executedVersion: '1',
  functionError: undefined,
  payload: answer,
});

async function measureRestCpu(withCells: boolean, requests: number): Promise<number> {
  const generation = depotGeneration(withCells);
  const gateway = createGateway({
    registry: { load: async () => generation, peekNewest: async () => 1 },
    invoke,
  });
  await gateway.start();
  const request = (i: number) => ({
    method: 'GET',
    path: `/depot/items/pallet-${i % 100}`,
    rawQueryString: '',
    headers: { 'x-facility-id': KEYS[i % KEYS.length] as string } as Record<string, string>,
  });
  const check = await gateway.handle(request(0));
  if (check.statusCode !== 200) throw new Error(`unexpected: ${String(check.body)}`);
  for (let i = 0; i < 2000; i++) await gateway.handle(request(i));
  const cpu0 = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < requests) await gateway.handle(request(next++));
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  gateway.stop();
  return (cpu.user + cpu.system) / requests;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function measureBadCellDeployment() {
  const harness = await startReleaseHarness({ fixtures: 'cells' });
  try {
    const map = (await harness.latestGeneration()).cells?.depot;
    if (!map) throw new Error('no cell map for depot');
    const keysOf = (cell: string) => KEYS.filter((k) => cellOfKey(map, k) === cell).slice(0, 5);
    await harness.setBehaviour('depot', 'fail-all');
    const loads = CELLS.map((cell) => {
      const requests: LoadRequest[] = keysOf(cell).map((key) => ({
        name: `${cell} ${key}`,
        send: () => fetch(`${harness.gateway}/depot/cell`, { headers: { 'x-facility-id': key } }),
        ok: (response) => response.status === 200,
      }));
      return harness.startLoad({ requests, concurrency: 2, pauseMs: 10 });
    });
    const started = Date.now();
    const { record } = await harness.release(['depot']);
    const seconds = (Date.now() - started) / 1000;
    const reports = await Promise.all(loads.map((l) => l.stop()));
    return { record, seconds, reports };
  } finally {
    await harness.stop();
  }
}

function phases(record: { progress: Record<string, { phase: string } | undefined> }): string {
  return CELLS.map(
    (cell) =>
      `${cell} ${record.progress[progressKey(`depot-${cell}`, 'local')]?.phase ?? 'not touched'}`,
  ).join(', ');
}

export async function benchCells(): Promise<BenchResult> {
  const requests = Number(process.env.REQUESTS ?? 20_000);
  const rounds = Number(process.env.ROUNDS ?? 9);
  const runs = { plain: [] as number[], cells: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    runs.plain.push(await measureRestCpu(false, requests));
    runs.cells.push(await measureRestCpu(true, requests));
  }
  const plain = median(runs.plain);
  const cells = median(runs.cells);
  const bad = await measureBadCellDeployment();
  const list = (values: number[]) => values.map((v) => v.toFixed(1)).join(', ');
  const rows = bad.reports.map((r, i) => `| ${CELLS[i]} | ${r.sent} | ${r.failed} |`).join('\n');
  return {
    title: 'Cells: routing cost and a bad version in one cell',
    body: `Gateway CPU per REST request to one module (\`bench/cells.bench.ts\`), with its cell map (three cells, 4,096 buckets, one override; the key in \`x-facility-id\`, 1,000 keys) and without, ${requests} requests at 16 in flight per run after 2,000 to warm up, ${rounds} rounds alternating the two in one process, medians; the module is a stand-in answering at once. Target: routing by cell adds under 5%.

| request | CPU per request | vs without cells | runs (us) |
|---|---|---|---|
| module without cells | ${plain.toFixed(1)} us | | ${list(runs.plain)} |
| cellular module | ${cells.toFixed(1)} us | ${(((cells - plain) / plain) * 100).toFixed(1)}% | ${list(runs.cells)} |

A version that fails every request, deployed to \`depot\` (three cells, test/fixtures/cells) on the local cloud under a steady load over five keys of each cell (GET through the gateway, 2 loops per cell): the deployment ended \`${bad.record.state}\` after ${bad.seconds.toFixed(1)} s; per cell, its record's last phase: ${phases(bad.record)}. Target: 0 errors outside the bad cell.

| keys of | requests | errors |
|---|---|---|
${rows}

Cells 2 and 3 run their own functions, so nothing of the bad version reaches them; errors there would be the machine's (a request past the gateway's 10 s timeout on a starved machine), and are shown as measured.`,
  };
}
