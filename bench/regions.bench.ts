import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { failOver } from '../cli/regions/fail-over.ts';
import { openRegions } from '../cli/regions/open-regions.ts';
import {
  EAST,
  newLoad,
  type RegionsHarness,
  startReadLoad,
  startRegionsHarness,
  viaFrontDoor,
  WEST,
} from '../test/support/regions-harness.ts';
import type { BenchResult } from './index.ts';
import { percentile } from './measure.ts';

const WRITES = 200;

/**
 * Two local Regions (`turnout dev --regions us-east-1,us-west-2`, health checks at the
 * dev defaults: every 1 s, 2 failures): the replication lag of the local global tables
 * under a write load, a failover by routing control and a Region fault under a steady
 * read load through the front door, each with the failed requests.
 */
export async function benchRegions(): Promise<BenchResult> {
  const h = await startRegionsHarness({ healthIntervalMs: 1_000, failureThreshold: 2 });
  try {
    const lag = await measureReplication(h);
    const switched = await measureSwitch(h);
    const fault = await measureFault(h);
    return {
      title: 'Regions: failover and replication (local)',
      body: report(lag, switched, fault),
    };
  } finally {
    await h.stop();
  }
}

async function measureReplication(h: RegionsHarness) {
  const auth = {
    authorization: `Bearer ${h.dispatchToken}`,
    'content-type': 'application/json',
    'x-facility-id': 'DFW7', // loads is cut into cells by facility
  };
  const west = (h.dev.regions[1] as RegionsHarness['dev']['regions'][number]).cloud.clients
    .documents;
  // Each cell of loads has a table of its own: the write is in one of them.
  const tables = (h.dev.regions[1]?.modules ?? [])
    .filter((m) => m.name === 'loads' || m.name.startsWith('loads-cell-'))
    .flatMap((m) => (m.tables.loads ? [m.tables.loads] : []));
  const inWest = async (loadId: string) => {
    for (const TableName of tables)
      if ((await west.send(new GetCommand({ TableName, Key: { loadId } }))).Item) return true;
    return false;
  };
  const refused: number[] = [];
  const before = h.dev.replication.samples.length;
  const endToEnd: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < WRITES) {
      const loadId = `bench-${randomUUID()}`;
      next++;
      const response = await viaFrontDoor(h.dev, '/loads', {
        home: EAST,
        method: 'POST',
        headers: auth,
        body: JSON.stringify(newLoad(loadId)),
      });
      await response.arrayBuffer();
      if (response.status !== 201) refused.push(response.status);
      if (response.status !== 201 || next % 10 !== 0) continue;
      // Every tenth write: from its answer until us-west-2's table has it, as a client sees it.
      const t0 = performance.now();
      while (performance.now() - t0 < 10_000) {
        if (await inWest(loadId)) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      endToEnd.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 4 }, worker));
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 2_000));
  const inOrder = h.dev.replication.samples.slice(before).map((s) => s.latencyMs);
  const samples = [...inOrder].sort((a, b) => a - b);
  // Where the slowest came in the run: the first writes (a cold path) or any time.
  const slowest = inOrder
    .map((ms, i) => ({ ms, nth: i + 1 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 4);
  endToEnd.sort((a, b) => a - b);
  return { samples, slowest, endToEnd, writesPerSecond: WRITES / seconds, refused };
}

async function measureSwitch(h: RegionsHarness) {
  const load = startReadLoad(h.dev);
  await new Promise((r) => setTimeout(r, 2_000));
  const open = await openRegions(h.root);
  try {
    const to = await failOver(open, { to: WEST, reason: 'benchmark' });
    await new Promise((r) => setTimeout(r, 1_000));
    const restore = await failOver(open, { restore: true, reason: 'benchmark over' });
    const loadReport = await load.stop();
    return { to: to.traffic, restore: restore.traffic, load: loadReport };
  } finally {
    open.close();
  }
}

async function measureFault(h: RegionsHarness) {
  const load = startReadLoad(h.dev);
  await new Promise((r) => setTimeout(r, 2_000));
  const faultAt = Date.now();
  await h.dev.regions[0]?.gateway.stop();
  const deadline = Date.now() + 60_000;
  let detectedAt: number | undefined;
  while (Date.now() < deadline && detectedAt === undefined) {
    const east = h.dev.frontDoor.status().regions.find((r) => r.region === EAST);
    if (east && !east.health.healthy) detectedAt = east.health.changedAt;
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 1_000));
  const loadReport = await load.stop();
  const east = h.dev.frontDoor.status().regions.find((r) => r.region === EAST);
  return {
    detectionMs: detectedAt === undefined ? undefined : detectedAt - faultAt,
    load: loadReport,
    retried: east?.retriedElsewhere ?? 0,
  };
}

function describeFailures(failures: { name: string; status: number; body: string }[]): string {
  if (failures.length === 0) return 'none.';
  const counts = new Map<string, number>();
  for (const failure of failures) {
    const what = `${failure.name}: ${failure.status} ${failure.body.slice(0, 120)}`;
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }
  return [...counts].map(([what, n]) => `${n} x \`${what.replaceAll('`', "'")}\``).join('; ');
}

const f = (ms: number | undefined) =>
  ms === undefined || Number.isNaN(ms) ? 'n/a' : `${ms.toFixed(0)} ms`;

function report(
  lag: Awaited<ReturnType<typeof measureReplication>>,
  switched: Awaited<ReturnType<typeof measureSwitch>>,
  fault: Awaited<ReturnType<typeof measureFault>>,
): string {
  return `
The machine was shared with other helpers' work (tests and builds of six other sessions), so the
figures are upper bounds of what the local stand-ins do on a quiet machine.

| figure | local (this run) | anchor in AWS | local target |
|---|---|---|---|
| failover by routing control: front door acts on it | ${f(switched.to?.controlsSeenAfterMs)} after the switch | Route 53 ARC: routing control is a health check, then DNS TTL (about 1 min) | under 5 s |
| failover: last request to us-east-1 after the switch | ${f(switched.to?.stoppedAfterMs)} | Route 53 health checks 10 s x 3 plus TTL: about 1.5 min; Global Accelerator about 30-90 s | under 5 s |
| failed requests during switch + restore (idempotent reads, ${switched.load.sent} sent) | ${switched.load.failed} | | 0 |
| restore: us-east-1 takes clients again | ${f(switched.restore?.resumedAfterMs?.[EAST])} after the switch | | |
| Region fault (gateway stopped): detected by health checks (every 1 s, 2 failures) | ${f(fault.detectionMs)} | Route 53: 10 s x 3 = 30 s, plus TTL | under 5 s |
| failed requests during the fault (${fault.load.sent} sent; ${fault.retried} retried on us-west-2) | ${fault.load.failed} | | 0 |
| replication lag (ReplicationLatency) p50 / p99, ${lag.samples.length} writes us-east-1 -> us-west-2 at ${lag.writesPerSecond.toFixed(0)} writes/s (${lag.refused.length} of ${WRITES} not written: ${[...new Set(lag.refused)].join(', ') || 'none'}) | ${f(percentile(lag.samples, 50))} / ${f(percentile(lag.samples, 99))} | DynamoDB global tables: typically under 1 s | p99 under 1 s |
| a client's view: from the 201 until us-west-2's table has it, p50 / p99 (${lag.endToEnd.length} writes) | ${f(percentile(lag.endToEnd, 50))} / ${f(percentile(lag.endToEnd, 99))} | | |

The slowest replicated writes: ${lag.slowest.map((s) => `${f(s.ms)} (write ${s.nth} of ${lag.samples.length})`).join(', ')}.

What the failed requests were: ${describeFailures([...switched.load.failures, ...fault.load.failures])}

ReplicationLatency is measured as CloudWatch defines it: from when the write shows in the
sending Region's stream (no earlier than the stream read before the one that found it) until
the receiving Region's table has it; a stream with writes is read every 100 ms, an idle one backs off to every 400 ms.
`;
}
