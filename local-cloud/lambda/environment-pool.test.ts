import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnvironmentPool, type EnvironmentPool } from './environment-pool.ts';
import type { RuntimeSpec } from './process-environment.ts';

const HANDLER = `
import { mkdirSync, readdirSync } from 'node:fs';
let calls = 0;
export const handler = async (event, context) => {
  calls += 1;
  if (event.sleep) await new Promise((r) => setTimeout(r, event.sleep));
  if (event.meet) {
    // Stays busy until \`meet.count\` invokes are running at once, each in its own environment.
    mkdirSync(event.meet.dir + '/' + context.awsRequestId);
    while (readdirSync(event.meet.dir).length < event.meet.count)
      await new Promise((r) => setTimeout(r, 5));
  }
  if (event.exit) process.exit(2);
  if (event.kill) process.kill(process.pid, 'SIGKILL');
  if (event.hang) await new Promise(() => {});
  return { calls, env: process.env.ONLY_HERE, name: context.functionName, left: context.getRemainingTimeInMillis(), echo: event.echo };
};`;

let dir: string;
const pools: EnvironmentPool[] = [];

function pool(overrides: Partial<RuntimeSpec> = {}, maxSize = 4): EnvironmentPool {
  const created = createEnvironmentPool(
    {
      codeDir: dir,
      handler: 'index.handler',
      functionName: 'fn',
      functionVersion: '1',
      memorySize: 128,
      timeoutSeconds: 1,
      env: { ONLY_HERE: 'yes' },
      ...overrides,
    },
    { maxSize: () => maxSize },
  );
  pools.push(created);
  return created;
}

let n = 0;
const run = (p: EnvironmentPool, event: object = {}) =>
  p.run({ requestId: `req-${++n}`, payload: JSON.stringify(event), invokedFunctionArn: 'arn' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pool-test-'));
  await writeFile(join(dir, 'index.mjs'), HANDLER);
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.terminate()));
  await rm(dir, { recursive: true, force: true });
});

const bodyOf = (outcome: object) => JSON.parse((outcome as { body: string }).body);

describe('environment pool', () => {
  it('keeps an environment warm between invokes, with its own environment variables', async () => {
    const p = pool({ timeoutSeconds: 60 });
    await run(p);
    const second = bodyOf(await run(p));
    expect(second).toMatchObject({ calls: 2, env: 'yes', name: 'fn' });
    // The time left counts down from the function's timeout (half of it: the machine is shared).
    expect(second.left).toBeGreaterThan(30_000);
    expect(second.left).toBeLessThanOrEqual(60_000);
    expect(p.size).toBe(1);
  });

  it('hands a large event with multi-byte text to the runtime whole, over many reads', async () => {
    const p = pool({ timeoutSeconds: 60 });
    // About 1 MB: the Runtime API's answer arrives in many chunks, characters split between them.
    const echo = 'ü€𝄞 '.repeat(100_000);
    const outcome = await run(p, { echo });
    expect(bodyOf(outcome).echo).toBe(echo);
    expect(bodyOf(await run(p, { echo: 'small' })).echo).toBe('small');
  });

  it('starts another environment for an invoke that arrives while the first is busy', async () => {
    // Neither invoke ends before both run: the first stays busy however long the second
    // worker takes to boot on a loaded machine (the timeout only ends a pool that never
    // starts it).
    const p = pool({ timeoutSeconds: 25 });
    const meet = { dir: await mkdtemp(join(dir, 'meet-')), count: 2 };
    const results = await Promise.all([run(p, { meet }), run(p, { meet })]);
    expect(results.map((r) => bodyOf(r).calls)).toEqual([1, 1]);
    expect(p.size).toBe(2);
  });

  it('makes invokes beyond the size wait for a free environment', async () => {
    const p = pool({}, 1);
    const results = await Promise.all([run(p, { sleep: 20 }), run(p, { sleep: 20 })]);
    expect(results.map((r) => bodyOf(r).calls).sort()).toEqual([1, 2]);
    expect(p.size).toBe(1);
  });

  it('answers a timeout and replaces the stuck environment', async () => {
    const p = pool();
    expect(await run(p, { hang: true })).toMatchObject({
      error: { errorType: 'Sandbox.Timedout' },
    });
    expect(bodyOf(await run(p)).calls).toBe(1);
  });

  it('answers an exit and replaces the dead environment', async () => {
    const p = pool();
    expect(await run(p, { exit: true })).toMatchObject({
      error: {
        errorType: 'Runtime.ExitError',
        errorMessage: expect.stringContaining('exit status 2'),
      },
    });
    expect(bodyOf(await run(p)).calls).toBe(1);
  });

  it('loses only the environment whose handler killed its process; the others stay warm', async () => {
    const p = pool({ timeoutSeconds: 25 });
    const meet = { dir: await mkdtemp(join(dir, 'meet-')), count: 2 };
    await Promise.all([run(p, { meet }), run(p, { meet })]);
    expect(p.size).toBe(2);
    expect(await run(p, { kill: true })).toMatchObject({
      error: { errorMessage: expect.stringContaining('Runtime exited with error: signal: killed') },
    });
    expect(p.size).toBe(1);
    // The survivor answers with its count of invokes: it was not restarted.
    expect(bodyOf(await run(p)).calls).toBe(2);
  });

  it('keeps provisioned environments initialised before any invoke', async () => {
    const p = pool({}, 4);
    await p.provision(2);
    expect(p.idleCount).toBe(2);
    expect(bodyOf(await run(p)).calls).toBe(1);
  });

  it('finishes the invokes already waiting when it is retired', async () => {
    const p = pool({}, 1);
    const both = Promise.all([run(p, { sleep: 50 }), run(p, { sleep: 1 })]);
    await p.retire();
    expect((await both).map((r) => bodyOf(r).calls)).toEqual([1, 2]);
    await expect.poll(() => p.size).toBe(0);
  });

  it('reports a handler that cannot be found', async () => {
    const p = pool({ handler: 'missing.handler' });
    expect(await run(p)).toMatchObject({ error: { errorType: 'Runtime.ImportModuleError' } });
  });
});
