import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevEndpoints } from '../cli/dev/index.ts';
import { makeScratchProject } from './support/scratch-project.ts';

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

interface KnownForAnswer {
  data: { name: { name: string; knownFor: Record<string, unknown>[] } };
  errors?: unknown[];
}

const KNOWN_FOR =
  '{ name(id: "nm0000329") { name knownFor(first: 4) { id title year rating { stars votes } primaryImage { url } } } }';

async function postGraphQL(query: string, headers: Record<string, string> = {}) {
  const answer = await fetch(`${endpoints.gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await answer.json()) as KnownForAnswer & { errors?: Json[]; data: Json };
}

/** gatepass and loads run in cells by facility: every call names one (others ignore it). */
const FACILITY = { 'x-facility-id': 'DFW7' };

function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${endpoints.gateway}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...FACILITY, ...headers },
    body: JSON.stringify(body),
  });
}

function getPath(path: string, headers: Record<string, string> = {}) {
  return fetch(`${endpoints.gateway}${path}`, { headers: { ...FACILITY, ...headers } });
}

// biome-ignore lint/suspicious/noExplicitAny: the tests read the JSON they assert on
type Json = any;

let endpoints: DevEndpoints;
let root: string;

/** A token of the dev issuer, as `turnout token` prints it, as an authorization header. */
async function signedIn(sub: string, scope?: string): Promise<Record<string, string>> {
  const response = await fetch(endpoints.token as string, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, ...(scope ? { scope } : {}) }),
  });
  const { access_token } = (await response.json()) as { access_token: string };
  return { authorization: `Bearer ${access_token}` };
}

/** The callers of the Relay app, signed in once the issuer runs. */
const as: Record<'driver1' | 'driver2' | 'dispatch' | 'gate', Record<string, string>> = {
  driver1: {},
  driver2: {},
  dispatch: {},
  gate: {},
};

/** What the first request to each module reads, so every one has a warm worker. */
const WARM_UP: { name: string; send: () => Promise<Response> }[] = [
  {
    name: 'Known for (names, titles, ratings, images)',
    send: () =>
      fetch(`${endpoints.gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: KNOWN_FOR }),
      }),
  },
  { name: 'hello', send: () => fetch(`${endpoints.gateway}/hello?name=warm-up`) },
  { name: 'navigate', send: () => fetch(`${endpoints.gateway}/navigate/route?from=DFW7&to=ATL6`) },
  { name: 'gatepass', send: () => getPath('/gatepass/gp_0000000000000000', as.dispatch) },
  { name: 'message', send: () => getPath('/message/drivers/warm-up/messages', as.dispatch) },
];

/**
 * Waits until every module answers within its timeout. `turnout dev` is running once
 * everything is deployed, but the first invoke of each function still boots its worker
 * and finds DynamoDB Local's JVM cold: on a loaded machine that takes longer than the
 * modules' 5 s timeout. Only a timeout is retried; any other answer is left to the tests.
 */
async function untilModulesAnswer(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    WARM_UP.map(async ({ name, send }) => {
      for (;;) {
        const response = await send();
        const body = await response.text();
        if (!body.includes('"MODULE_TIMEOUT"')) return;
        if (Date.now() > deadline)
          throw new Error(`${name} still timed out after ${timeoutMs} ms: ${body}`);
      }
    }),
  );
}

describe('npm start (turnout dev)', () => {
  let dev: ChildProcess;
  let output = '';

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
    as.driver1 = await signedIn('driver-D1', 'gatepass:write messages:read');
    as.driver2 = await signedIn('driver-D2', 'gatepass:write messages:read');
    as.dispatch = await signedIn('dispatcher-7', 'dispatch');
    as.gate = await signedIn('gate-DFW7', 'gatepass:check');
    await untilModulesAnswer(120_000);
  }, 300_000);

  afterAll(async () => {
    if (dev?.exitCode === null) dev.kill('SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  it('sends every function a first read-only request before it says Turnout is running', () => {
    // A module without a read-only smoke check, or one whose first request fails, is named
    // at the start (a timeout on a busy machine is not a failure of the module).
    expect(output).toMatch(/first requests \d/);
    expect(output).not.toContain('declares no read-only smoke check');
    expect(output).not.toContain('its first request failed');
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

  it('serves its health samples only with the token it wrote, and liveness to anyone', async () => {
    const samples = `${endpoints.gateway}/_turnout/health?since=0`;
    expect((await fetch(samples)).status).toBe(401);
    const token = endpoints.gatewayHealthToken ?? '';
    expect(token.length).toBeGreaterThanOrEqual(32);
    const allowed = await fetch(samples, { headers: { 'x-turnout-health-token': token } });
    expect(allowed.status).toBe(200);
    const live = await fetch(`${endpoints.gateway}/_turnout/live`);
    expect(await live.json()).toEqual({ status: 'up' });
  });

  it("answers IMDb's Known-for query across four graphlets, from the seed data", async () => {
    const answer = await postGraphQL(KNOWN_FOR);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.name.name).toBe('Jackie Chan');
    expect(answer.data.name.knownFor).toHaveLength(4);
    expect(answer.data.name.knownFor[0]).toMatchObject({
      id: 'tt0089374',
      title: 'Police Story',
      rating: { stars: expect.any(Number) },
      primaryImage: { url: expect.stringContaining('tt0089374') },
    });
  });

  it("routes the Relay app's paths to their modules", async () => {
    const route = await fetch(`${endpoints.gateway}/navigate/route?from=DFW7&to=ATL6`);
    expect(route.status).toBe(200);
    expect(
      ((await route.json()) as { route: { legs: unknown[] } }).route.legs.length,
    ).toBeGreaterThan(0);

    const loadId = `L-DEV-${Date.now()}`;
    const issue = { loadId, facilityId: 'DFW7', validMinutes: 60 };
    const issued = await postJson('/gatepass', issue, as.driver1);
    expect(issued.status).toBe(201);
    const { pass } = (await issued.json()) as { pass: { passId: string; code: string } };
    const checked = await postJson(
      `/gatepass/${pass.passId}/check`,
      { facilityId: 'DFW7', code: pass.code },
      as.gate,
    );
    expect(await checked.json()).toMatchObject({ admitted: true });
    expect((await postJson('/gatepass', issue, as.driver1)).status).toBe(409);

    const unknown = await fetch(`${endpoints.gateway}/navigate/route?from=DFW7&to=XYZ9`);
    expect(unknown.status).toBe(404);
  });

  it('delivers a message to a driver through its SQS consumer', async () => {
    const driver = `D-DEV-${Date.now()}`;
    const sent = await postJson(
      `/message/drivers/${driver}/messages`,
      { text: 'Dock 4', from: 'dispatch' },
      as.dispatch,
    );
    expect(sent.status).toBe(202);
    const reader = await signedIn(`driver-${driver}`, 'messages:read');
    await expect
      .poll(
        async () => {
          const list = await getPath(`/message/drivers/${driver}/messages`, reader);
          const page = (await list.json()) as { messages?: { status: string }[] };
          return page.messages?.[0]?.status;
        },
        // Generous: the SQS consumer's poll, its invoke and the write on a shared machine.
        { timeout: 60_000, interval: 200 },
      )
      .toBe('delivered');
  }, 90_000);

  it('prints a token signed by the dev issuer with turnout token, which the gateway accepts', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(repo, 'bin', 'turnout.js'),
      'token',
      '--sub',
      'driver-D1',
      '--scope',
      'gatepass:write messages:read',
      '--root',
      root,
    ]);
    const token = stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const list = await getPath('/message/drivers/D1/messages', {
      authorization: `Bearer ${token}`,
    });
    expect(list.status).toBe(200);
    expect(endpoints).toMatchObject({
      audience: 'turnout-local',
      issuer: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
  });

  it("refuses another driver a load's gate pass, and the gate without the code, changing nothing", async () => {
    const loadId = `L-ATTACK-${Date.now()}`;
    const issue = { loadId, facilityId: 'DFW7', validMinutes: 60 };
    const { pass } = (await (await postJson('/gatepass', issue, as.driver1)).json()) as Json;
    const taken = await postJson('/gatepass', issue, as.driver2);
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as Json).error.passId).toBeUndefined();
    expect((await getPath(`/gatepass/${pass.passId}`, as.driver2)).status).toBe(403);
    expect((await getPath(`/gatepass/${pass.passId}`)).status).toBe(401);
    const check = (body: unknown, headers: Record<string, string>) =>
      postJson(`/gatepass/${pass.passId}/check`, body, headers);
    expect((await check({ facilityId: 'DFW7', code: pass.code }, as.driver2)).status).toBe(403);
    expect((await check({ facilityId: 'DFW7' }, as.gate)).status).toBe(400);
    const wrong = pass.code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
    expect((await check({ facilityId: 'DFW7', code: wrong }, as.gate)).status).toBe(403);
    const stored = (await (await getPath(`/gatepass/${pass.passId}`, as.driver1)).json()) as Json;
    expect(stored.pass).toEqual(pass);
  });

  it("refuses a driver another driver's messages", async () => {
    expect((await getPath('/message/drivers/D1/messages', as.driver2)).status).toBe(403);
    expect((await getPath('/message/drivers/D1/messages')).status).toBe(401);
    expect((await getPath('/message/drivers/D2/messages', as.driver2)).status).toBe(200);
    expect((await getPath('/message/drivers/D1/messages', as.dispatch)).status).toBe(200);
  });

  it('counts a vote for the signed-in voter only, refusing one in another voter’s name', async () => {
    const rating = async () =>
      ((await postGraphQL('{ title(id: "tt0089374") { rating { votes } } }')).data as Json).title
        .rating.votes as number;
    const before = await rating();
    const anonymous = await postGraphQL(
      'mutation { rateTitle(titleId: "tt0089374", stars: 1) { id } }',
    );
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const voter = await signedIn('ur7000001', 'ratings:write');
    const spoofed = await postGraphQL(
      'mutation { rateTitle(titleId: "tt0089374", stars: 1, voterId: "ur7000002") { id } }',
      voter,
    );
    expect(spoofed.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const own = await postGraphQL(
      'mutation { rateTitle(titleId: "tt0089374", stars: 9) { voterId } }',
      voter,
    );
    expect(own.data.rateTitle.voterId).toBe('ur7000001');
    await expect.poll(rating, { timeout: 60_000, interval: 200 }).toBeGreaterThan(before);
    expect(await rating()).toBe(before + 1);
  }, 90_000);

  it('stores a message sent five times at once with one Idempotency-Key once', async () => {
    const driver = `D-KEY-${Date.now()}`;
    const headers = { ...as.dispatch, 'idempotency-key': `send-${driver}` };
    const sends = await Promise.all(
      Array.from({ length: 5 }, () =>
        postJson(`/message/drivers/${driver}/messages`, { text: 'Door 7', from: 'yard' }, headers),
      ),
    );
    for (const sent of sends) expect([202, 409]).toContain(sent.status);
    const list = (await (
      await getPath(`/message/drivers/${driver}/messages`, as.dispatch)
    ).json()) as Json;
    expect(list.messages).toHaveLength(1);
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
    // A child told to stop may take a moment longer than its parent to end; none may stay.
    await expect.poll(() => children.filter(alive), { timeout: 10_000 }).toEqual([]);
    await expect(readFile(join(root, '.turnout', 'endpoints.json'))).rejects.toThrow();
  });

  it('stopped by a signal during its start, stops what it started and leaves no process behind', async () => {
    const starting = await startUntilJavaRuns(root);
    // Before "Turnout is running": what a signal with no listener left behind.
    expect(starting.said()).not.toContain('Turnout is running');
    starting.child.kill('SIGTERM');
    expect(await starting.exited).toBe(0);
    expect(starting.said()).toContain('Stopping once the start is done');
    await expect.poll(() => starting.children.filter(alive), { timeout: 10_000 }).toEqual([]);
    await expect(readFile(join(root, '.turnout', 'endpoints.json'))).rejects.toThrow();
  }, 180_000);

  it('stopped by a second signal, exits at once and still ends DynamoDB Local', async () => {
    const starting = await startUntilJavaRuns(root);
    // An impatient Ctrl-C, twice: the second no longer ends the process by the default
    // action (which left the JVM running with nobody to stop it).
    starting.child.kill('SIGINT');
    await expect
      .poll(() => starting.said(), { timeout: 30_000 })
      .toContain('Stopping once the start is done');
    starting.child.kill('SIGINT');
    expect(await starting.exited).toBe(130);
    await expect.poll(() => starting.children.filter(alive), { timeout: 10_000 }).toEqual([]);
  }, 180_000);

  it('refuses to start when a module does not build, naming its file, and leaves no process behind', async () => {
    // A project of its own, no bundle cache: every module is built, and hello is broken.
    const project = await makeScratchProject();
    try {
      await writeFile(
        join(project.root, 'modules', 'hello', 'handler.ts'),
        'export const handler = () => {{;\n',
      );
      const child = spawn(
        process.execPath,
        [
          join(repo, 'bin', 'turnout.js'),
          'dev',
          '--root',
          project.root,
          '--port',
          '0',
          '--no-watch',
        ],
        { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let said = '';
      for (const stream of [child.stdout, child.stderr]) stream?.on('data', (c) => (said += c));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      // Every process it started, seen while it runs (the JVM, runtimes, esbuild): none may stay.
      const seen = new Set<number>();
      let ended = false;
      void exited.then(() => {
        ended = true;
      });
      while (!ended) {
        for (const pid of descendants(child.pid as number)) seen.add(pid);
        await sleep(100);
      }
      // It used to wait for ever: esbuild was stopped under the builds still running.
      expect(await exited).toBe(1);
      expect(said).toContain('Module "hello" does not build');
      expect(said).toContain('[ERROR] Unexpected end of file');
      expect(said).toContain('modules/hello/handler.ts:2:0:');
      expect(said).not.toContain('Turnout is running');
      await expect.poll(() => [...seen].filter(alive), { timeout: 10_000 }).toEqual([]);
    } finally {
      await project.remove();
    }
  }, 400_000);
});

/**
 * A second `turnout dev` on `root` (its bundles cached by now: a start of seconds), once
 * DynamoDB Local's JVM runs under it, with its children as they were then.
 */
async function startUntilJavaRuns(root: string) {
  const child = spawn(
    process.execPath,
    [join(repo, 'bin', 'turnout.js'), 'dev', '--root', root, '--port', '0', '--no-watch'],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let said = '';
  child.stdout?.on('data', (c) => {
    said += c;
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const children: number[] = [];
  await expect
    .poll(
      () => {
        children.splice(0, children.length, ...descendants(child.pid as number));
        return children.some(isJava);
      },
      { timeout: 120_000, interval: 50 },
    )
    .toBe(true);
  return { child, exited, children, said: () => said };
}

/** Whether `pid` is a JVM (DynamoDB Local), by its command. */
function isJava(pid: number): boolean {
  try {
    return execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' }).includes(
      'java',
    );
  } catch {
    return false;
  }
}
