import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { Pool } from 'undici';
import { startLocalCloud } from '../local-cloud/index.ts';
import { LOCAL_CODE_BUCKET } from '../local-cloud/lambda/index.ts';
import type { BenchResult } from './index.ts';
import { type LatencySummary, ms, rate, runLoad } from './measure.ts';

/** The figures of this benchmark when environments were worker threads (BENCHMARKS.md then). */
const THREADS_BEFORE = { date: '2026-11-22', c1: '0.339 ms', c16: '2.097 ms' };

/**
 * Process environments before their exchange was made lean (main at 246aad6: the runtime
 * on node:http, the memory watch reading /proc through fs/promises), this benchmark run
 * back to back with this version's in one sitting.
 */
const PROCESSES_BEFORE = {
  date: '2026-12-07',
  load: '26.8',
  c1: '0.654 ms',
  c16: '8.407 ms',
  rate16: '1,461/s',
};

const TRIVIAL_HANDLER = 'export const handler = async (event) => ({ ok: true, echo: event.n });\n';

/**
 * The local cloud's start time, and the local Lambda's invoke overhead for a trivial
 * handler: the same handler called in process, then invoked over HTTP (keep-alive, as
 * the gateway does) by version, at concurrency 1 and 16, in one run.
 */
export async function benchLocalCloud(): Promise<BenchResult> {
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const cloud = await startLocalCloud();
    starts.push(performance.now() - t0);
    await cloud.stop();
  }
  starts.sort((a, b) => a - b);

  const directory = await mkdtemp(join(tmpdir(), 'turnout-bench-'));
  await writeFile(join(directory, 'index.mjs'), TRIVIAL_HANDLER);
  const cloud = await startLocalCloud();
  try {
    const { lambda } = cloud.clients;
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'trivial',
        Role: 'arn:aws:iam::000000000000:role/bench',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { S3Bucket: LOCAL_CODE_BUCKET, S3Key: directory },
      }),
    );
    await lambda.send(new PublishVersionCommand({ FunctionName: 'trivial' }));
    await lambda.send(
      new CreateAliasCommand({ FunctionName: 'trivial', Name: 'live', FunctionVersion: '1' }),
    );

    const { handler } = (await import(pathToFileURL(join(directory, 'index.mjs')).href)) as {
      handler: (e: unknown) => Promise<unknown>;
    };
    const pool = new Pool(cloud.endpoints.lambda, { connections: 32, pipelining: 1 });
    const body = JSON.stringify({ n: 1 });
    const invoke = async () => {
      const res = await pool.request({
        method: 'POST',
        path: '/2015-03-31/functions/trivial/invocations?Qualifier=live',
        body,
        headers: { 'content-type': 'application/json' },
      });
      await res.body.text();
      if (res.statusCode !== 200) throw new Error(`invoke answered ${res.statusCode}`);
    };
    const inProcess = () => handler({ n: 1 });

    await runLoad(invoke, { total: 2_000, concurrency: 16 }); // warm the workers
    const rows: [string, LatencySummary, LatencySummary][] = [];
    for (const concurrency of [1, 16]) {
      const total = concurrency === 1 ? 3_000 : 10_000;
      const local = await runLoad(invoke, { total, concurrency });
      const direct = await runLoad(inProcess, { total, concurrency });
      rows.push([`${concurrency}`, local, direct]);
    }
    await pool.close();
    return {
      title: 'Local cloud: start time and Lambda invoke overhead',
      body: report(starts, rows),
    };
  } finally {
    await cloud.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

function report(starts: number[], rows: [string, LatencySummary, LatencySummary][]): string {
  const lines = [
    `\`startLocalCloud()\` (DynamoDB Local, fauxqs, the Lambda service), 3 starts: median ${ms(starts[1] ?? 0)}, max ${ms(starts[2] ?? 0)}. Target: under 5 s.`,
    '',
    'Invoke of a trivial handler (`async (event) => ({ ok: true })`) through the alias `live`, over HTTP with an undici keep-alive pool, next to calling the same handler in process. Each execution environment is a process of its own that takes its events over the Runtime API (two more HTTP exchanges per invoke, on loopback). Overhead = local p50 minus in-process p50. Target: p50 overhead under 0.5 ms.',
    '',
    `Before (worker threads in the local Lambda's process, ${THREADS_BEFORE.date}, same command): p50 overhead ${THREADS_BEFORE.c1} at concurrency 1, ${THREADS_BEFORE.c16} at 16.`,
    `Process environments before the runtime got its own Runtime API client and the memory watch its held /proc file (${PROCESSES_BEFORE.date}, same command, run just before this one at load average ${PROCESSES_BEFORE.load}): p50 overhead ${PROCESSES_BEFORE.c1} at concurrency 1, ${PROCESSES_BEFORE.c16} and ${PROCESSES_BEFORE.rate16} at 16.`,
    '',
    '| concurrency | invokes | local p50 | local p99 | local invokes/s | in-process p50 | in-process p99 | p50 overhead |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [c, local, direct] of rows) {
    lines.push(
      `| ${c} | ${local.count} | ${ms(local.p50Ms)} | ${ms(local.p99Ms)} | ${rate(local.perSecond)} | ${ms(direct.p50Ms)} | ${ms(direct.p99Ms)} | ${ms(local.p50Ms - direct.p50Ms)} |`,
    );
  }
  return lines.join('\n');
}
