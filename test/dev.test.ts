import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevEndpoints } from '../infra/dev/index.ts';

const repo = resolve(import.meta.dirname, '..');

/** Every descendant of `pid`, found through `ps`. */
function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (child === undefined || parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(pid);
  return found;
}

/** Whether `pid` still runs (a zombie has ended: only its exit status is left). */
const alive = (pid: number) => {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], {
      encoding: 'utf8',
    }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false;
  }
};

async function waitForFile(path: string, timeoutMs: number, dev: ChildProcess): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`turnout dev exited with ${dev.exitCode}`);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text) return text;
    await sleep(100);
  }
  throw new Error(`${path} did not appear within ${timeoutMs} ms`);
}

describe('npm start (turnout dev)', () => {
  let root: string;
  let dev: ChildProcess;
  let output = '';
  let endpoints: DevEndpoints;

  beforeAll(async () => {
    // A scratch root that shares the repo's modules, so .turnout/ lands outside the repo.
    root = await mkdtemp(join(tmpdir(), 'turnout-dev-'));
    await symlink(join(repo, 'modules'), join(root, 'modules'));
    dev = spawn(
      process.execPath,
      [join(repo, 'bin', 'turnout.js'), 'dev', '--root', root, '--port', '0'],
      {
        cwd: repo,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    dev.stdout?.on('data', (c) => {
      output += c;
    });
    dev.stderr?.on('data', (c) => {
      output += c;
    });
    const text = await waitForFile(join(root, '.turnout', 'endpoints.json'), 150_000, dev).catch(
      (e) => {
        throw new Error(`${e.message}\n${output}`);
      },
    );
    endpoints = JSON.parse(text);
  }, 180_000);

  afterAll(async () => {
    if (dev?.exitCode === null) dev.kill('SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  it('writes the endpoints of every local service and prints them', async () => {
    expect(endpoints.region).toBe('us-east-1');
    for (const url of [endpoints.lambda, endpoints.dynamodb, endpoints.sqs]) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(output).toContain(url);
      const answer = await fetch(url, { method: 'POST' });
      expect(answer.status).toBeGreaterThanOrEqual(200);
    }
  });

  it('serves the modules through the gateway', async () => {
    expect(endpoints.gateway).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toContain(endpoints.gateway);
    const answer = await fetch(`${endpoints.gateway}/hello?name=turnout`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ message: 'hello, turnout', version: '1' });
  });

  it('deploys every module behind its live alias', async () => {
    const list = await fetch(`${endpoints.lambda}/2015-03-31/functions/turnout-hello/aliases/live`);
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ Name: 'live', FunctionVersion: '1' });
  });

  it('stops on SIGTERM and leaves no process behind', async () => {
    const pid = dev.pid as number;
    const children = descendants(pid);
    expect(children.length).toBeGreaterThan(0); // DynamoDB Local's JVM at least
    const exited = new Promise<number | null>((r) => dev.once('exit', (code) => r(code)));
    dev.kill('SIGTERM');
    expect(await exited).toBe(0);
    await sleep(200);
    expect(children.filter(alive)).toEqual([]);
    await expect(readFile(join(root, '.turnout', 'endpoints.json'))).rejects.toThrow();
  });
});
