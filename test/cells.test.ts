import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { DeleteTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DeleteFunctionConcurrencyCommand,
  ListVersionsByFunctionCommand,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStatus } from '../cli/commands/status.ts';
import { startConsole } from '../console/index.ts';
import { type CellMap, cellOfKey } from '../contracts/cell-map.ts';
import { progressKey } from '../contracts/deployment-record.ts';
import type { CellReport } from '../control-plane/cells/index.ts';
import { openBrowser } from './support/open-browser.ts';
import {
  RELEASE_TEST_TIMEOUT_MS,
  type ReleaseHarness,
  startReleaseHarness,
} from './support/release-harness.ts';
import type { LoadRequest } from './support/steady-load.ts';

const repo = resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const CELLS = ['cell-1', 'cell-2', 'cell-3'] as const;

let harness: ReleaseHarness;
let map: CellMap;
/** Three keys per cell, as the registry's map sends them. */
const keysOf: Record<string, string[]> = {};
/** A fourth key of cell 1, which a test pins to cell 3. */
let pinnedKey = '';

beforeAll(async () => {
  harness = await startReleaseHarness({ fixtures: 'cells' });
  const cells = (await harness.latestGeneration()).cells?.depot;
  if (!cells) throw new Error('turnout dev published no cell map for depot');
  map = cells;
  for (let i = 0; CELLS.some((c) => (keysOf[c]?.length ?? 0) < 3); i++) {
    const key = `FAC-${i}`;
    const cell = cellOfKey(map, key) as string;
    if (cell === 'cell-1' && keysOf[cell]?.length === 3) pinnedKey ||= key;
    keysOf[cell] = [...(keysOf[cell] ?? []), key].slice(0, 3);
  }
  while (!pinnedKey) {
    const key = `PIN-${Math.random()}`;
    if (cellOfKey(map, key) === 'cell-1') pinnedKey = key;
  }
}, 180_000);

afterAll(async () => {
  await harness?.stop();
});

const gateway = () => harness.gateway;
const depot = (path: string, key?: string, init: RequestInit = {}) =>
  fetch(`${gateway()}/depot${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(key === undefined ? {} : { 'x-facility-id': key }),
    },
  });
const cellAnswering = async (key: string) =>
  ((await (await depot('/cell', key)).json()) as { functionName: string }).functionName;
const graphql = (query: string, variables: Record<string, unknown> = {}) =>
  fetch(`${gateway()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
interface GraphqlAnswer {
  data?: Record<string, { cell?: string; functionName?: string; value?: string } | null> | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string } }[];
}
const ask = async (query: string, variables?: Record<string, unknown>) =>
  (await (await graphql(query, variables)).json()) as GraphqlAnswer;
const CELL_QUERY =
  'query($f: ID) { depotCell(facility: $f) { cell functionName version release } }';

/** Until `check` passes or the ceiling: the gateways poll the registry. */
async function eventually(check: () => Promise<boolean>, ceilingMs = 30_000): Promise<void> {
  const until = Date.now() + ceilingMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not so after ${ceilingMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Requests sent so far by the loads, per cell. */
const sentTo: Record<string, number> = {};

/** A steady load over the keys of one cell, each request on a key of that cell. */
function loadOn(cell: string, path: string, ok: (status: number) => boolean) {
  sentTo[cell] = 0;
  const requests: LoadRequest[] = (keysOf[cell] ?? []).map((key) => ({
    name: `${cell} ${key}`,
    send: () => {
      sentTo[cell] = (sentTo[cell] ?? 0) + 1;
      return depot(path, key);
    },
    ok: (response) => ok(response.status),
  }));
  return harness.startLoad({ requests, concurrency: 2, pauseMs: 10 });
}

/** A steady GraphQL load over the keys of one cell: an answer with any error fails. */
function graphqlLoadOn(cell: string) {
  const requests: LoadRequest[] = (keysOf[cell] ?? []).map((key) => ({
    name: `GraphQL ${cell} ${key}`,
    send: () => graphql(CELL_QUERY, { f: key }),
    ok: (response, body) => response.status === 200 && !body.includes('"errors"'),
  }));
  return harness.startLoad({ requests, concurrency: 1, pauseMs: 10 });
}

describe('a cellular module on the local cloud', () => {
  it('provisions every cell whole: its own function, live alias and table', async () => {
    expect(map.cells.map((c) => c.functionName)).toEqual(CELLS.map((c) => `turnout-depot-${c}`));
    for (const cell of CELLS) {
      expect((await harness.liveVersion(`depot-${cell}`)).version).toBe('1');
      const tables = harness.dev.modules.find((m) => m.name === `depot-${cell}`)?.tables;
      expect(tables).toEqual({ items: `turnout-depot-${cell}-items` });
    }
  });

  it('tells each cell its name in TURNOUT_CELL', async () => {
    for (const cell of CELLS) {
      const answer = await depot('/cell', keysOf[cell]?.[0]);
      expect(await answer.json()).toMatchObject({ cell, functionName: `turnout-depot-${cell}` });
    }
  });

  it('sends the same key to the same cell every time, and keys of every cell to theirs', async () => {
    for (const cell of CELLS) {
      for (const key of keysOf[cell] ?? []) {
        for (let i = 0; i < 3; i++) expect(await cellAnswering(key)).toBe(`turnout-depot-${cell}`);
      }
    }
  });

  it('sends a GraphQL root field to the cell its key argument maps to, by variable or literal', async () => {
    for (const cell of CELLS) {
      for (const key of keysOf[cell] ?? []) {
        const byVariable = await ask(CELL_QUERY, { f: key });
        expect(byVariable.errors).toBeUndefined();
        expect(byVariable.data?.depotCell).toMatchObject({
          cell,
          functionName: `turnout-depot-${cell}`,
        });
        const byLiteral = await ask(`{ depotCell(facility: "${key}") { functionName } }`);
        expect(byLiteral.data?.depotCell?.functionName).toBe(`turnout-depot-${cell}`);
      }
    }
  });

  it('refuses a GraphQL field without its key with an error naming the field and argument', async () => {
    const answer = await ask(CELL_QUERY);
    expect(answer.data?.depotCell).toBeNull();
    expect(answer.errors).toMatchObject([
      {
        message:
          'Query.depotCell needs its "facility" argument: module "depot" is cut into cells by it, and a request without it has no cell.',
        path: ['depotCell'],
        extensions: { code: 'CELL_KEY_MISSING' },
      },
    ]);
  });

  it('keeps data written through one cell by a GraphQL mutation out of every other', async () => {
    const [one, two, three] = CELLS.map((cell) => keysOf[cell]?.[0]);
    const put = await ask(
      'mutation($f: ID!) { putDepotItem(facility: $f, id: "crate-9", value: "in cell 1") { id value } }',
      { f: one },
    );
    expect(put).toEqual({ data: { putDepotItem: { id: 'crate-9', value: 'in cell 1' } } });
    const read = (key: string | undefined) =>
      ask('query($f: ID!) { depotItem(facility: $f, id: "crate-9") { value } }', { f: key });
    expect((await read(one)).data?.depotItem?.value).toBe('in cell 1');
    expect(await read(two)).toEqual({ data: { depotItem: null } });
    expect(await read(three)).toEqual({ data: { depotItem: null } });
  });

  it('refuses a request without a key with a 400 that says where the key goes', async () => {
    const response = await depot('/cell');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'CELL_KEY_MISSING',
        message:
          'This request names no cell key for module "depot": send it in the x-facility-id header.',
      },
    });
  });

  it('keeps data written through one cell out of every other', async () => {
    const [one, two] = [keysOf['cell-1']?.[0], keysOf['cell-2']?.[0]];
    const put = await depot('/items/pallet-7', one, {
      method: 'PUT',
      body: JSON.stringify({ value: 'in cell 1' }),
    });
    expect(put.status).toBe(201);
    expect((await depot('/items/pallet-7', one)).status).toBe(200);
    expect((await depot('/items/pallet-7', two)).status).toBe(404);
    const stored = (table: string) =>
      harness.env.clients.dynamo.send(
        new GetItemCommand({ TableName: table, Key: { id: { S: 'pallet-7' } } }),
      );
    expect((await stored('turnout-depot-cell-1-items')).Item).toBeDefined();
    expect((await stored('turnout-depot-cell-2-items')).Item).toBeUndefined();
    expect((await stored('turnout-depot-cell-3-items')).Item).toBeUndefined();
  });

  it("moves a pinned key to its cell; turnout cells shows the pin and each cell's load", async () => {
    const key = pinnedKey;
    const { stdout } = await run(process.execPath, [
      resolve(repo, 'bin', 'turnout.js'),
      ...['cells', 'depot', '--pin', key, '--to', 'cell-3', '--reason', 'a test key'],
      ...['--root', harness.root],
    ]);
    expect(stdout).toContain(`key "${key}" now goes to cell-3 (was cell-1)`);
    await eventually(async () => (await cellAnswering(key)) === 'turnout-depot-cell-3');
    const shown = await run(process.execPath, [
      resolve(repo, 'bin', 'turnout.js'),
      ...['cells', 'depot', '--json', '--root', harness.root],
    ]);
    const report = JSON.parse(shown.stdout) as CellReport;
    expect(report.cells.map((c) => [c.name, c.pinnedKeys])).toEqual([
      ['cell-1', []],
      ['cell-2', []],
      ['cell-3', [key]],
    ]);
    expect(report.cells.reduce((sum, c) => sum + c.buckets, 0)).toBe(4096);
    // Every cell was sent requests by the tests before: the gateway's samples say so.
    for (const cell of report.cells) expect(cell.load?.invokes).toBeGreaterThan(0);
    expect(report.pins[0]).toMatchObject({
      key,
      from: 'cell-1',
      to: 'cell-3',
      reason: 'a test key',
    });
  }, 60_000);

  it('refuses a pin to a cell the module does not have, plainly', async () => {
    const failed = await run(process.execPath, [
      resolve(repo, 'bin', 'turnout.js'),
      ...['cells', 'depot', '--pin', 'X', '--to', 'cell-9', '--root', harness.root],
    ]).catch((error: { stderr: string; code: number }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain(
      'Module "depot" has no cell "cell-9": its cells are cell-1, cell-2, cell-3. [NO_SUCH_CELL]',
    );
  });

  it("shows the cell map, each cell's version and load in the console, as `turnout cells` does", async () => {
    const shown = await run(process.execPath, [
      resolve(repo, 'bin', 'turnout.js'),
      ...['cells', 'depot', '--json', '--root', harness.root],
    ]);
    const report = JSON.parse(shown.stdout) as CellReport;
    await using server = await startConsole({ env: harness.env, readOnly: true });
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(server.openUrl);
      // The fleet has a row per cell (each has its own function and version) and links the map.
      for (const cell of CELLS)
        await page.waitForSelector(`tr[data-module=depot][data-cell=${cell}]`);
      const link = await page.getAttribute('li[data-cellular=depot] a', 'href');
      expect(link).toBe('/modules/depot/cells');
      await page.goto(`${server.url}${link}`);
      await page.waitForSelector('#cells tr[data-cell]');
      const rows = await page.$$eval('#cells tr[data-cell]', (trs) =>
        trs.map((tr) => ({
          cell: tr.getAttribute('data-cell'),
          buckets: Number(tr.querySelector('[data-field=buckets]')?.textContent),
          pinned: tr.querySelector('[data-field=pinned]')?.textContent,
          version: tr.querySelector('[data-field=version]')?.textContent,
          requests: Number(tr.querySelector('[data-field=requests]')?.textContent),
        })),
      );
      expect(rows.map((r) => [r.cell, r.buckets, r.version])).toEqual(
        report.cells.map((c) => [c.name, c.buckets, `v${c.stable}`]),
      );
      expect(rows.reduce((sum, r) => sum + r.buckets, 0)).toBe(4096);
      expect(rows.find((r) => r.cell === 'cell-3')?.pinned).toBe(pinnedKey);
      for (const row of rows) expect(row.requests).toBeGreaterThan(0);
      expect(await page.textContent('#pins')).toContain(`"${pinnedKey}" cell-1 → cell-3`);
      // The module's own page sends you there: a cellular module's versions are its cells'.
      await page.goto(`${server.url}/modules/depot`);
      await expect
        .poll(() => page.textContent('#about'))
        .toContain('cellular: cell-1, cell-2, cell-3');
      expect(browser.blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it(
    'rolls a bad version back in cell 1, never touches cells 2 and 3, whose keys see no error',
    async () => {
      await harness.setBehaviour('depot', 'fail-all');
      const loads = CELLS.map((cell) => loadOn(cell, '/cell', (status) => status === 200));
      const graphqlLoads = ['cell-2', 'cell-3'].map(graphqlLoadOn);
      const { record, events } = await harness.release(['depot']);
      const [one, two, three] = await Promise.all(loads.map((l) => l.stop()));
      const graphqlReports = await Promise.all(graphqlLoads.map((l) => l.stop()));
      expect(record.state).toBe('rolled-back');
      expect(record.progress[progressKey('depot-cell-1', 'local')]?.phase).toBe('rolled-back');
      expect(record.progress[progressKey('depot-cell-2', 'local')]).toBeUndefined();
      expect(record.progress[progressKey('depot-cell-3', 'local')]).toBeUndefined();
      expect(events.filter((e) => e.module?.startsWith('depot-cell-2'))).toEqual([]);
      expect(events.filter((e) => e.module?.startsWith('depot-cell-3'))).toEqual([]);
      expect(record.events.find((e) => e.name === 'stop-cells')?.detail).toBe(
        'depot cell-1 went back to its stable version in local; cell-2, cell-3 will not be touched',
      );
      // Enough traffic on every cell to judge, and none of it failed outside cell 1.
      expect(two?.sent).toBeGreaterThan(20);
      expect(three?.sent).toBeGreaterThan(20);
      // Nothing the bad version did reaches cells 2 and 3. A request that waited past the
      // gateway's 10 s timeout (504) on this shared 2-core machine, while the release
      // bundles, is the machine's doing: allowed, but only rarely, and no other failure.
      // The same for GraphQL keys of cells 2 and 3: a rare MODULE_TIMEOUT is the machine's.
      for (const report of graphqlReports) {
        expect(report.sent).toBeGreaterThan(10);
        expect(report.failures.filter((f) => !f.body.includes('"MODULE_TIMEOUT"'))).toEqual([]);
        expect(report.failed).toBeLessThanOrEqual(Math.ceil(report.sent / 50));
      }
      for (const other of [two, three]) {
        expect(other?.failures.filter((f) => f.status !== 504)).toEqual([]);
        expect(other?.failed ?? 0).toBeLessThanOrEqual(Math.ceil((other?.sent ?? 0) / 50));
      }
      expect(one?.sent).toBeGreaterThan(20);
      for (const cell of ['cell-2', 'cell-3']) {
        const versions = await harness.env.clients.lambda.send(
          new ListVersionsByFunctionCommand({ FunctionName: `turnout-depot-${cell}` }),
        );
        expect(versions.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1']);
        expect(await harness.liveVersion(`depot-${cell}`)).toEqual({ version: '1', weights: {} });
      }
      expect(await harness.liveVersion('depot-cell-1')).toEqual({ version: '1', weights: {} });
    },
    RELEASE_TEST_TIMEOUT_MS,
  );

  it(
    'deploys a good version cell by cell, each after the one before promoted, and status shows each',
    async () => {
      await harness.setBehaviour('depot', 'ok');
      // The bake judges each cell by its traffic: keys of every cell, all the time.
      const loads = CELLS.map((cell) => loadOn(cell, '/cell', (status) => status === 200));
      const { record, events } = await harness.release(['depot']);
      const reports = await Promise.all(loads.map((l) => l.stop()));
      expect({ state: record.state, reason: record.reason ?? null }).toEqual({
        state: 'succeeded',
        reason: null,
      });
      // A new version's first start on a busy 2-core machine may pass the gateway's 10 s
      // invoke timeout (a 504); anything else failed would be the deployment's doing.
      expect(reports.flatMap((r) => r.failures).filter((f) => f.status !== 504)).toEqual([]);
      const firstOf = (unit: string) => events.findIndex((e) => e.module === unit);
      const promotedAt = (unit: string) =>
        events.findIndex((e) => e.module === unit && e.name === 'promote');
      expect(promotedAt('depot-cell-1')).toBeGreaterThan(-1);
      expect(firstOf('depot-cell-2')).toBeGreaterThan(promotedAt('depot-cell-1'));
      expect(firstOf('depot-cell-3')).toBeGreaterThan(promotedAt('depot-cell-2'));
      const status = await buildStatus(harness.env, 5);
      const rows = status.modules.filter((m) => m.module === 'depot');
      expect(rows.map((r) => r.cell)).toEqual([...CELLS]);
      for (const row of rows) {
        const live = await harness.liveVersion(`depot-${row.cell}`);
        expect(row.liveVersion).toBe(live.version);
        expect(row.liveVersion).not.toBe('1');
        expect(row.registry?.stable).toBe(live.version);
      }
    },
    RELEASE_TEST_TIMEOUT_MS,
  );

  it('keeps the other cells answering when one cell is throttled to 0 and another lost its table', async () => {
    const { lambda, dynamo } = harness.env.clients;
    await lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: 'turnout-depot-cell-2',
        ReservedConcurrentExecutions: 0,
      }),
    );
    await dynamo.send(new DeleteTableCommand({ TableName: 'turnout-depot-cell-3-items' }));
    try {
      const found = (status: number) => status === 200 || status === 404;
      const loads = CELLS.map((cell) => loadOn(cell, '/items/pallet-7', found));
      await eventually(async () => CELLS.every((cell) => (sentTo[cell] ?? 0) > 30), 120_000);
      const [one, two, three] = await Promise.all(loads.map((l) => l.stop()));
      expect(one?.sent).toBeGreaterThan(20);
      expect(one?.failures).toEqual([]);
      // The faults were real: the other two cells' keys failed.
      expect(two?.failures[0]?.status).toBe(503);
      expect(three?.failed).toBeGreaterThan(0);
    } finally {
      await lambda.send(
        new DeleteFunctionConcurrencyCommand({ FunctionName: 'turnout-depot-cell-2' }),
      );
    }
  }, 180_000);

  it('routes from the last map it loaded while the registry cannot be read', async () => {
    const pinned = pinnedKey;
    await harness.env.clients.dynamo.send(
      new DeleteTableCommand({ TableName: harness.env.registryTable }),
    );
    await eventually(async () => (await fetch(`${gateway()}/_turnout/live`)).status === 503);
    expect(await cellAnswering(pinned)).toBe('turnout-depot-cell-3');
    for (const cell of CELLS)
      for (const key of keysOf[cell] ?? [])
        expect(await cellAnswering(key)).toBe(`turnout-depot-${cell}`);
  });
});
