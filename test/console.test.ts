import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import {
  GetFunctionConfigurationCommand,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevEndpoints } from '../cli/dev/endpoints-file.ts';
import { createDeployLauncher } from '../cli/launch-deploy.ts';
import { openConsoleRegions } from '../cli/regions/open-console-regions.ts';
import { CONSOLE_TOKEN_HEADER, type ConsoleServer, startConsole } from '../console/index.ts';
import type { Fleet } from '../console/read-fleet.ts';
import { ensureKeyedTable, LOCAL_CREDENTIALS } from '../control-plane/aws/index.ts';
import type { DeploymentRecord } from '../control-plane/deploy/index.ts';
import type { PipelineDefinition } from '../control-plane/deploy/pipeline-definition.ts';
import {
  createRoutingControls,
  DEFAULT_FAILOVERS_TABLE,
  listFailoverRecords,
  type RoutingControls,
} from '../control-plane/regions/index.ts';
import { type FrontDoor, startFrontDoor } from '../local-cloud/front-door/index.ts';
import {
  type LocalRecoveryCluster,
  startLocalRecoveryCluster,
} from '../local-cloud/recovery-cluster/index.ts';
import { openBrowser } from './support/open-browser.ts';
import {
  RELEASE_TEST_TIMEOUT_MS,
  type ReleaseHarness,
  startReleaseHarness,
} from './support/release-harness.ts';
import { spawnTurnout, type TurnoutProcess, waitFor } from './support/turnout-process.ts';

// The operator console in a real browser (Debian's chromium, driven by playwright-core)
// against the release fixtures on a local cloud: deployments started from the CLI,
// watched and steered from the page, checked in the records and the aliases.

const docs = resolve(import.meta.dirname, '..', 'docs');
let harness: ReleaseHarness;
let server: ConsoleServer;
let readOnly: ConsoleServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let regions: Awaited<ReturnType<typeof startTwoRegions>>;

beforeAll(async () => {
  harness = await startReleaseHarness();
  regions = await startTwoRegions();
  const refresh = { recordMs: 200, healthMs: 500 };
  const consoleRegions = await openConsoleRegions(harness.root);
  if (!consoleRegions) throw new Error('the endpoints file names no Regions');
  regions.consoleRegions = consoleRegions;
  server = await startConsole({
    env: harness.env,
    refresh,
    regions: consoleRegions,
    launchers: { startDeploy: createDeployLauncher({ root: harness.root }) },
  });
  readOnly = await startConsole({
    env: harness.env,
    readOnly: true,
    refresh,
    regions: consoleRegions,
  });
  browser = await openBrowser();
  await mkdir(docs, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await readOnly?.stop();
  await regions?.stop();
  await harness?.stop();
});

/**
 * The least of `turnout dev --regions` the Regions page needs, beside the harness's one
 * local cloud: the ARC cluster stand-in with a routing control per Region, the front
 * door (its health checks and traffic figures) and the failover records' table, named
 * in the endpoints file as `turnout dev --regions` names them. Both Regions are served by
 * the harness's local cloud and gateway: a second one would cost a minute of CI.
 */
async function startTwoRegions() {
  const file = join(harness.root, '.turnout', 'endpoints.json');
  const endpoints = JSON.parse(await readFile(file, 'utf8')) as DevEndpoints;
  const names = [endpoints.region, endpoints.region === 'us-west-2' ? 'us-east-1' : 'us-west-2'];
  const cluster: LocalRecoveryCluster = await startLocalRecoveryCluster({ regions: names });
  const controls: RoutingControls = createRoutingControls({
    clusterEndpoints: cluster.endpoints,
    controlPanelArn: cluster.controlPanelArn,
    credentials: LOCAL_CREDENTIALS,
  });
  const frontDoorToken = randomBytes(24).toString('base64url');
  const gateway = endpoints.gateway ?? harness.gateway;
  const frontDoor: FrontDoor = await startFrontDoor({
    regions: names.map((region) => ({ region, gatewayUrl: gateway })),
    readRoutingControls: () => controls.list(),
    statusToken: frontDoorToken,
    healthCheck: { intervalMs: 200 },
  });
  await ensureKeyedTable(harness.env.clients.dynamo, DEFAULT_FAILOVERS_TABLE);
  const region = {
    lambda: endpoints.lambda,
    dynamodb: endpoints.dynamodb,
    sqs: endpoints.sqs,
    gateway,
    gatewayHealthToken: endpoints.gatewayHealthToken ?? '',
  };
  endpoints.multiRegion = {
    regions: names.map((name) => ({ region: name, ...region })),
    frontDoor: frontDoor.url,
    frontDoorToken,
    recoveryCluster: { endpoints: cluster.endpoints, controlPanelArn: cluster.controlPanelArn },
    failoversTable: DEFAULT_FAILOVERS_TABLE,
  };
  await writeFile(file, JSON.stringify(endpoints, null, 2), { mode: 0o600 });
  return {
    names,
    controls,
    frontDoor,
    cluster,
    consoleRegions: undefined as undefined | { close(): void },
    async stop() {
      this.consoleRegions?.close();
      controls.destroy();
      await frontDoor.stop();
      await cluster.stop();
    },
  };
}

/** `turnout deploy <module>` with a canary that bakes long enough to be steered mid-shift. */
function deployInBackground(module: string, bake: string): TurnoutProcess {
  return spawnTurnout(harness.root, [
    'deploy',
    module,
    '--strategy',
    `Canary20Percent${bake}`,
    '--min-requests',
    '5',
    '--poll',
    '100ms',
    '--final-bake',
    '500ms',
    // A new version's first invokes run cold, which a loaded machine stretches: as the
    // release harness's thresholds do, only a slow version is judged on latency.
    '--latency-slack',
    '5s',
    // The orchestrator reads operators' requests at each heartbeat: a third of the lease.
    '--lease',
    '3s',
  ]);
}

async function waitForSplit(module: string, cli: TurnoutProcess): Promise<DeploymentRecord> {
  return waitFor(
    async () => {
      const [latest] = await harness.env.store.list();
      const progress = latest?.progress[`${module}@local`];
      if (latest?.state !== 'running' || progress?.phase !== 'shifting') return undefined;
      const live = await harness.liveVersion(module);
      return live.weights[String(progress.candidate)] === 0.2 ? latest : undefined;
    },
    90_000,
    cli.output,
  );
}

async function newPage(url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

/** Clicks an action button, gives the reason in its dialog and confirms. */
async function act(page: Page, action: string, reason: string) {
  await page.click(`#actions button[data-action=${action}]`);
  await page.fill('dialog textarea[name=reason]', reason);
  await page.click('dialog button[data-action=confirm]');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A GET with any Host header: fetch() will not send a foreign one. */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

describe('who may use the console', () => {
  it('refuses a request without the token, with a wrong one, or to a foreign Host name', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/fleet`)).status).toBe(401);
    expect((await fetch(`${server.url}/?token=not-${server.token}`)).status).toBe(401);
    expect(await getWithHost(server.openUrl, `evil.example:${new URL(server.url).port}`)).toBe(403);
  });

  it('trades the printed URL for a strict cookie, and wants the token in a header to act', async () => {
    const opened = await fetch(server.openUrl, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/');
    const cookie = opened.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const jar = cookie.split(';')[0] ?? '';
    expect((await fetch(`${server.url}/api/fleet`, { headers: { cookie: jar } })).status).toBe(200);
    const withCookieOnly = await fetch(`${server.url}/api/modules/alerts/rollback`, {
      method: 'POST',
      headers: { cookie: jar, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'a forged form' }),
    });
    expect(withCookieOnly.status).toBe(401);
    const noReason = await fetch(`${server.url}/api/modules/alerts/rollback`, {
      method: 'POST',
      headers: { 'x-turnout-console-token': server.token, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: ' ' }),
    });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { error: string }).error).toMatch(/needs a "reason"/);
  });
});

describe('the fleet', () => {
  it('lists the example modules with tier, owner and live version, and filters them', async () => {
    const page = await newPage(server.openUrl);
    for (const module of ['alerts', 'catalog', 'checkout'])
      await page.waitForSelector(`tr[data-module=${module}]`);
    const row = await page.textContent('tr[data-module=checkout]');
    expect(row).toMatch(/critical/);
    expect(row).toMatch(/v1/);
    await page.fill('#filter', 'check');
    await expect.poll(() => page.locator('tr[data-module]').count()).toBe(1);
    await page.fill('#filter', '');
    await expect.poll(() => page.locator('tr[data-module]').count()).toBe(3);
    await page.close();
    expect(browser.blocked).toEqual([]);
  });
});

describe('a deployment, live', () => {
  it(
    'appears when the CLI starts it, its weight and charts update live, and abort from the browser rolls it back',
    async () => {
      const before = await harness.liveVersion('alerts');
      const fleet = await newPage(server.openUrl);
      await fleet.waitForSelector('tr[data-module=alerts]');
      await harness.setBehaviour('alerts', 'ok');
      const load = harness.startLoad();
      const cli = deployInBackground('alerts', '5Minutes');
      try {
        const running = await waitForSplit('alerts', cli);
        // The open fleet page learns of it without a reload.
        await fleet.waitForSelector(`#waiting tr[data-deployment="${running.id}"]`, {
          timeout: 30_000,
        });
        await fleet.screenshot({ path: join(docs, 'console-fleet.png'), fullPage: true });
        // Its page, as the waiting row links to it (the fleet redraws each second under
        // traffic, so the link is followed rather than clicked mid-redraw).
        const link = await fleet.getAttribute(
          `#waiting tr[data-deployment="${running.id}"] a`,
          'href',
        );
        await fleet.goto(`${server.url}${link}`);
        const weight = fleet.locator('tr[data-key="alerts@local"] [data-field=weight]');
        await expect.poll(() => weight.getAttribute('data-weight')).toBe('0.2');
        const chart = fleet.locator('[data-chart="alerts@local"]');
        await chart.waitFor({ timeout: 30_000 });
        const points = Number(await chart.getAttribute('data-points'));
        await expect
          .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 30_000 })
          .toBeGreaterThan(points);
        await expect
          .poll(async () => Number(await chart.getAttribute('data-requests')), { timeout: 30_000 })
          .toBeGreaterThan(0);
        await fleet.screenshot({ path: join(docs, 'console-deployment.png'), fullPage: true });

        await act(fleet, 'abort', 'console test: the canary looks wrong');
        expect(await cli.exited).toBe(1);
        const record = await harness.env.store.get(running.id);
        expect(record.state).toBe('aborted');
        expect(record.reason).toMatch(
          /^aborted by .+ \(console\) \(console test: the canary looks wrong\)$/,
        );
        expect(record.requests?.[0]).toMatchObject({
          action: 'abort',
          reason: 'console test: the canary looks wrong',
        });
        expect(await harness.liveVersion('alerts')).toEqual({
          version: before.version,
          weights: {},
        });
        // The page says so by itself.
        await expect.poll(() => fleet.textContent('#state')).toBe('aborted');
      } finally {
        await load.stop();
        if (cli.child.exitCode === null) cli.child.kill('SIGINT');
        await cli.exited;
        await fleet.close();
      }
    },
    RELEASE_TEST_TIMEOUT_MS,
  );

  it(
    'promote now skips the rest of the bake: all traffic to the new version, recorded with who and why',
    async () => {
      await harness.setBehaviour('catalog', 'ok');
      // A field more in the new version: what the module page's schema diff shows.
      await harness.setSchema(
        'catalog',
        'type Query { catalogPing: String! catalogStatus: String! catalogNote: String }',
      );
      const load = harness.startLoad();
      // A bake far longer than this test may take: only a promote ends it in time.
      const cli = deployInBackground('catalog', '30Minutes');
      try {
        const running = await waitForSplit('catalog', cli);
        const page = await newPage(`${server.url}/deployments/${running.id}`);
        await page.waitForSelector('#actions button[data-action=promote]');
        await act(page, 'promote', 'console test: checked by hand');
        expect(await cli.exited).toBe(0);
        const record = await harness.env.store.get(running.id);
        expect(record.state).toBe('succeeded');
        const promoted = record.events.find((e) => e.name === 'promote-step');
        expect(promoted?.detail).toMatch(
          /promoted now at 20% by .+ \(console test: checked by hand\): the rest of the bake skipped/,
        );
        const candidate = String(record.progress['catalog@local']?.candidate);
        expect(await harness.liveVersion('catalog')).toEqual({ version: candidate, weights: {} });
        await expect.poll(() => page.textContent('#state')).toBe('succeeded');
        await page.close();

        // What the build was made of is on the record, and `turnout status <module>` says it.
        const built = record.plan.provenance?.catalog;
        const lambdaSha = (
          await harness.env.clients.lambda.send(
            new GetFunctionConfigurationCommand({
              FunctionName: 'turnout-catalog',
              Qualifier: candidate,
            }),
          )
        ).CodeSha256;
        expect(built?.bundleSha256).toBe(Buffer.from(String(lambdaSha), 'base64').toString('hex'));
        expect(built?.dependencies).toEqual(
          expect.arrayContaining([expect.stringMatching(/^graphql@\d/)]),
        );
        const status = spawnTurnout(harness.root, ['status', 'catalog']);
        expect(await status.exited).toBe(0);
        expect(status.output()).toContain(`bundle sha256 ${built?.bundleSha256}`);
        expect(status.output()).toMatch(/dependencies: .*graphql@\d/);

        // The Lambda version names its build too, in its Description (256 characters at most).
        const listed = await harness.env.clients.lambda.send(
          new ListVersionsByFunctionCommand({ FunctionName: 'turnout-catalog' }),
        );
        const description = listed.Versions?.find((v) => v.Version === candidate)?.Description;
        expect(description).toContain(`sha256=${built?.bundleSha256}`);
        expect(description).toContain(`record=${running.id}`);
        // As many dependencies as fit, then how many more the record holds.
        expect(description).toContain(`deps=${built?.dependencies[0]}`);
        expect(description?.length).toBeLessThanOrEqual(256);
        const configured = await harness.env.clients.lambda.send(
          new GetFunctionConfigurationCommand({
            FunctionName: 'turnout-catalog',
            Qualifier: candidate,
          }),
        );
        expect(configured.Description).toBe(description);
        // And the module page shows it on the version's row.
        const modulePage = await newPage(`${server.url}/modules/catalog`);
        await expect
          .poll(() => modulePage.textContent(`#versions tr[data-version="${candidate}"]`))
          .toContain(`sha256=${built?.bundleSha256}`);
        await modulePage.close();
      } finally {
        await load.stop();
        if (cli.child.exitCode === null) cli.child.kill('SIGINT');
        await cli.exited;
      }
    },
    RELEASE_TEST_TIMEOUT_MS,
  );
});

describe('a module, from its page', () => {
  it('says plainly that a module without cells has no cells page', async () => {
    const answer = await fetch(`${server.url}/api/modules/alerts/cells`, {
      headers: { 'x-turnout-console-token': server.token },
    });
    expect(answer.status).toBe(404);
    expect(((await answer.json()) as { error: string }).error).toMatch(
      /no cell map for module "alerts": declare `cells` in its manifest/,
    );
  });

  it('diffs the schemas of two versions, both ways', async () => {
    const page = await newPage(`${server.url}/modules/catalog`);
    await page.waitForSelector('#diff-from');
    await page.selectOption('#diff-from', '1');
    await page.selectOption('#diff-to', '2');
    await page.click('#diff button');
    await expect
      .poll(() => page.textContent('#diff-result'), { timeout: 15_000 })
      .toMatch(/catalogNote.*added/);
    // Backwards, the field goes: clients that ask for it break.
    await page.selectOption('#diff-from', '2');
    await page.selectOption('#diff-to', '1');
    await page.click('#diff button');
    await expect
      .poll(() => page.textContent('#diff-result'), { timeout: 15_000 })
      .toMatch(/BREAKING: .*catalogNote.*removed/);
    await page.close();
  });

  it('rolls the module back to a chosen version: the alias says so, the record names the reason', async () => {
    const before = await harness.liveVersion('catalog');
    expect(before.version).toBe('2');
    const page = await newPage(`${server.url}/modules/catalog`);
    await page.click('button[data-action=rollback]');
    await page.selectOption('dialog select[name=to]', '1');
    await page.fill('dialog textarea[name=reason]', 'console test: back to the first');
    await page.click('dialog button[data-action=confirm]');
    await expect
      .poll(() => page.textContent('#status'), { timeout: 30_000 })
      .toMatch(/rolled-back/);
    expect(await harness.liveVersion('catalog')).toEqual({ version: '1', weights: {} });
    const [rollback] = (await harness.env.store.listManualRollbacks()).filter(
      (r) => r.module === 'catalog',
    );
    expect(rollback).toMatchObject({
      from: '2',
      to: '1',
      reason: 'console test: back to the first',
    });
    expect(rollback?.by).toMatch(/\(console\)$/);
    await page.reload();
    await expect.poll(() => page.textContent('#decisions')).toContain('v2 → v1');
    await page.close();
  });
});

describe('retrying a deployment that did not succeed', () => {
  it(
    'starts `turnout deploy` again from the page, and the old record names who, why and the process',
    async () => {
      const ended = (await harness.env.store.list()).find(
        (d) => d.state === 'aborted' && d.plan.waves.flat().includes('alerts'),
      );
      if (!ended) throw new Error('the abort test left no aborted deployment of alerts');
      const page = await newPage(`${server.url}/deployments/${ended.id}`);
      await page.click('#actions button[data-action=retry]');
      await page.fill('dialog textarea[name=reason]', 'console test: try again');
      await page.click('dialog button[data-action=confirm]');
      const retried = await waitFor(
        async () =>
          (await harness.env.store.list()).find(
            (d) => d.createdAt > ended.createdAt && d.plan.waves.flat().includes('alerts'),
          ),
        60_000,
        () => 'no new deployment of alerts',
      );
      let pid: number | undefined;
      try {
        const decision = (await harness.env.store.get(ended.id)).events.find(
          (e) => e.name === 'retry',
        );
        expect(decision?.detail).toMatch(
          /^retried by .+ \(console\) \(console test: try again\): `turnout deploy alerts` started as process \d+/,
        );
        pid = Number(/process (\d+)/.exec(decision?.detail ?? '')?.[1]);
        // The new deployment is the CLI's own: its record says it runs, and it can be steered.
        expect(retried.state).toBe('running');
        await page.goto(`${server.url}/deployments/${retried.id}`);
        await act(page, 'abort', 'console test: the retry was only to show it starts');
        await expect
          .poll(async () => (await harness.env.store.get(retried.id)).state, { timeout: 90_000 })
          .not.toBe('running');
      } finally {
        await page.close();
        if (pid && isAlive(pid)) process.kill(pid, 'SIGINT');
        await waitFor(
          async () => (pid && isAlive(pid) ? undefined : true),
          60_000,
          () => `turnout deploy (process ${pid}) did not stop`,
        );
      }
    },
    RELEASE_TEST_TIMEOUT_MS,
  );
});

describe('Regions', () => {
  it('shows each Region as `turnout regions` does, and fails over and back from the page, recorded', async () => {
    const [home, other] = regions.names as [string, string];
    const page = await newPage(`${server.url}/regions`);
    for (const region of [home, other]) {
      const row = `tr[data-region="${region}"]`;
      await expect.poll(() => page.textContent(`${row} [data-field=control]`)).toBe('On');
      await expect
        .poll(() => page.textContent(`${row} [data-field=health]`), { timeout: 30_000 })
        .toBe('healthy');
      await expect
        .poll(() => page.textContent(`${row} [data-field=modules]`))
        .toMatch(/alerts v\d/);
    }
    // Traffic through the front door shows in its Region's figures.
    for (let i = 0; i < 10; i++)
      await fetch(`${regions.frontDoor.url}/alerts/ping`, {
        headers: { 'x-turnout-client-region': home },
      });
    await expect
      .poll(
        async () => Number(await page.textContent(`tr[data-region="${home}"] td:nth-child(4)`)),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: join(docs, 'console-regions.png'), fullPage: true });

    // All traffic to the other Region: a confirmation with a reason, then the real switch.
    await page.click('button[data-action=failover]');
    await page.selectOption('dialog select[name=region]', other);
    await page.fill('dialog textarea[name=reason]', 'console test: drill');
    await page.click('dialog button[data-action=confirm]');
    await expect
      .poll(
        async () =>
          Object.fromEntries((await regions.controls.list()).map((c) => [c.region, c.on])),
        {
          timeout: 30_000,
        },
      )
      .toEqual({ [home]: false, [other]: true });
    const [record] = await listFailoverRecords(
      harness.env.clients.documents,
      DEFAULT_FAILOVERS_TABLE,
    );
    expect(record).toMatchObject({
      action: 'to',
      to: other,
      reason: 'console test: drill',
      before: { [home]: true, [other]: true },
      after: { [home]: false, [other]: true },
    });
    expect(record?.by).toMatch(/\(console\)$/);
    await expect
      .poll(() => page.textContent(`tr[data-region="${home}"] [data-field=control]`))
      .toBe('Off');
    await page.waitForSelector(`#failovers tr[data-failover="${record?.id}"]`);
    // The fleet shows each Region's standing too, and links the Regions page.
    const fleet = await newPage(`${server.url}/`);
    await expect
      .poll(() => fleet.textContent(`#region-summary tr[data-region="${home}"] td:nth-child(2)`))
      .toBe('Off');
    expect(await fleet.getAttribute('#regions-link', 'href')).toBe('/regions');
    await fleet.close();

    // And back: every Region On.
    await page.click('button[data-action=restore]');
    await page.fill('dialog textarea[name=reason]', 'console test: drill over');
    await page.click('dialog button[data-action=confirm]');
    await expect
      .poll(async () => (await regions.controls.list()).every((c) => c.on), { timeout: 30_000 })
      .toBe(true);
    const [restored] = await listFailoverRecords(
      harness.env.clients.documents,
      DEFAULT_FAILOVERS_TABLE,
    );
    expect(restored).toMatchObject({ action: 'restore', reason: 'console test: drill over' });
    await page.close();
  });

  it('refuses a failover with no reason or to a Region that is not one, and changes nothing', async () => {
    const send = (body: unknown) =>
      fetch(`${server.url}/api/regions/failover`, {
        method: 'POST',
        headers: { 'x-turnout-console-token': server.token, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const before = await listFailoverRecords(
      harness.env.clients.documents,
      DEFAULT_FAILOVERS_TABLE,
    );
    const noReason = await send({ region: regions.names[1] });
    expect(noReason.status).toBe(400);
    const nowhere = await send({ region: 'mars-north-1', reason: 'a typo' });
    expect(nowhere.status).toBe(400);
    expect(((await nowhere.json()) as { error: string }).error).toMatch(
      /mars-north-1 is not a Region of this environment: choose one of/,
    );
    const neither = await send({ reason: 'where to?' });
    expect(neither.status).toBe(400);
    expect((await regions.controls.list()).every((c) => c.on)).toBe(true);
    expect(
      await listFailoverRecords(harness.env.clients.documents, DEFAULT_FAILOVERS_TABLE),
    ).toEqual(before);
  });

  it('in a read-only console, shows the Regions with no failover switch', async () => {
    // The read-only console's own token: its printed URL sets the cookie, then the page.
    const page = await newPage(readOnly.openUrl);
    await page.goto(`${readOnly.url}/regions`);
    await page.waitForSelector(`tr[data-region="${regions.names[0]}"]`);
    expect(await page.locator('button').count()).toBe(0);
    // Hiding the switch is not the guard: the server refuses the action itself.
    const refused = await fetch(`${readOnly.url}/api/regions/failover`, {
      method: 'POST',
      headers: { 'x-turnout-console-token': readOnly.token, 'content-type': 'application/json' },
      body: JSON.stringify({ to: regions.names[1], reason: 'should not happen' }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/read-only/);
    await page.close();
  });
});

describe('turnout console --pipeline', () => {
  it('opens the fleet and the Regions of the pipeline stage --stage names, as `turnout regions --pipeline` does', async () => {
    // The AWS code path end to end: a pipeline definition whose Regions' routing controls
    // and ARC cluster are the local ones, and the SDK sent to the local cloud by AWS's own
    // environment variables, as an operator's shell would send it to AWS.
    const definition: PipelineDefinition = {
      stages: [
        { name: 'preprod', regions: [{ region: regions.names[0] as string, gatewayUrls: [] }] },
        {
          name: 'prod',
          regions: regions.names.map((region) => ({
            region,
            gatewayUrls: [],
            routingControlArn: regions.cluster.routingControlArn(region),
          })),
        },
      ],
      routingControl: { clusterEndpoints: regions.cluster.endpoints },
    };
    await writeFile(
      join(harness.root, 'console-pipeline.mjs'),
      `export default ${JSON.stringify(definition)};\n`,
    );
    const endpoints = JSON.parse(
      await readFile(join(harness.root, '.turnout', 'endpoints.json'), 'utf8'),
    ) as DevEndpoints;
    const cli = spawnTurnout(
      harness.root,
      ['console', '--pipeline', 'console-pipeline.mjs', '--stage', 'prod', '--read-only'],
      {
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
        AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
        AWS_ENDPOINT_URL_SQS: endpoints.sqs,
        // The local Lambda serves CloudWatch's GetMetricData.
        AWS_ENDPOINT_URL_CLOUDWATCH: endpoints.lambda,
      },
    );
    try {
      const printed = await waitFor(
        async () => {
          if (cli.child.exitCode !== null)
            throw new Error(`turnout console exited:\n${cli.output()}`);
          return /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(cli.output())?.[0];
        },
        60_000,
        cli.output,
      );
      const url = new URL(printed);
      const headers = { [CONSOLE_TOKEN_HEADER]: url.searchParams.get('token') ?? '' };
      const view = await fetch(`${url.origin}/api/regions`, { headers });
      expect(view.status, cli.output()).toBe(200);
      const report = (await view.json()) as {
        regions: { region: string; routingControl: string }[];
      };
      expect(report.regions.map((r) => r.region)).toEqual(regions.names);
      for (const r of report.regions) expect(['On', 'Off']).toContain(r.routingControl);
      const fleet = (await (await fetch(`${url.origin}/api/fleet`, { headers })).json()) as Fleet;
      expect(fleet.environment).toContain("the pipeline's 3 target(s)");
      expect(fleet.modules.map((m) => m.module)).toContain('catalog');
      expect((await fetch(`${url.origin}/api/regions`)).status).toBe(401);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  }, 120_000);
});

describe('a read-only console', () => {
  it('shows the fleet and deployments with no buttons, and refuses every action', async () => {
    const page = await newPage(readOnly.openUrl);
    await page.waitForSelector('tr[data-module=alerts]');
    const [latest] = await harness.env.store.list();
    expect(latest).toBeDefined();
    await page.goto(`${readOnly.url}/deployments/${latest?.id}`);
    await page.waitForSelector('#state');
    await page.goto(`${readOnly.url}/modules/alerts`);
    await page.waitForSelector('#versions');
    expect(await page.locator('button.action').count()).toBe(0);
    const refused = await fetch(`${readOnly.url}/api/modules/alerts/rollback`, {
      method: 'POST',
      headers: { 'x-turnout-console-token': readOnly.token, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'should not happen' }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/read-only/);
    await page.close();
  });
});

describe('GraphiQL in turnout dev', () => {
  it('renders from the installed packages and runs a query with no network', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${harness.gateway}/graphql`);
    await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 30_000 });
    // CodeMirror 5 keeps its editor on its element: set the text as a person's typing would.
    await page
      .locator('.graphiql-query-editor .CodeMirror')
      .evaluate((node) =>
        (node as unknown as { CodeMirror: { setValue(text: string): void } }).CodeMirror.setValue(
          '{ catalogStatus }',
        ),
      );
    await page.click('.graphiql-execute-button');
    await expect
      .poll(() => page.textContent('.graphiql-response'), { timeout: 30_000 })
      .toMatch(/"catalogStatus"/);
    // Nothing was fetched from anywhere but this machine (a CDN would have been blocked).
    expect(browser.blocked).toEqual([]);
    await page.close();
  });
});
