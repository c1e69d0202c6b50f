import { mkdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join, resolve } from 'node:path';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, startConsole } from '../console/index.ts';
import type { DeploymentRecord } from '../control-plane/deploy/index.ts';
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

beforeAll(async () => {
  harness = await startReleaseHarness();
  const refresh = { recordMs: 200, healthMs: 500 };
  server = await startConsole({ env: harness.env, refresh });
  readOnly = await startConsole({ env: harness.env, readOnly: true, refresh });
  browser = await openBrowser();
  await mkdir(docs, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await readOnly?.stop();
  await harness?.stop();
});

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
      } finally {
        await load.stop();
        if (cli.child.exitCode === null) cli.child.kill('SIGINT');
        await cli.exited;
      }
    },
    RELEASE_TEST_TIMEOUT_MS,
  );
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
