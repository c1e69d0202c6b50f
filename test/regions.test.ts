import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLazyCloudWatch } from '../cli/create-lazy-cloudwatch.ts';
import { startDevConsole } from '../cli/dev/start-dev-console.ts';
import { buildRegionsReport } from '../cli/regions/build-regions-report.ts';
import { failOver } from '../cli/regions/fail-over.ts';
import { openPipelineRegions } from '../cli/regions/open-pipeline-regions.ts';
import { CONSOLE_TOKEN_HEADER, type ConsoleServer } from '../console/index.ts';
import {
  createAwsClients,
  destroyAwsClients,
  LOCAL_CREDENTIALS,
} from '../control-plane/aws/index.ts';
import type { PipelineDefinition } from '../control-plane/deploy/pipeline-definition.ts';
import { createRoutingControls, listFailoverRecords } from '../control-plane/regions/index.ts';
import { findFreePort } from '../local-cloud/free-port.ts';
import { SERVED_BY_HEADER } from '../local-cloud/front-door/index.ts';
import {
  countLoads,
  EAST,
  invocations,
  newLoad,
  type RegionsHarness,
  startReadLoad,
  startRegionsHarness,
  viaFrontDoor,
  WEST,
} from './support/regions-harness.ts';
import type { LoadRequest } from './support/steady-load.ts';
import { spawnTurnout } from './support/turnout-process.ts';

/** Runs the `turnout` command as an operator would, and gives its output when it ends. */
async function turnout(
  root: string,
  args: string[],
): Promise<{ code: number | string; out: string }> {
  const run = spawnTurnout(root, args);
  const code = await run.exited;
  return { code, out: run.output() };
}

function jsonOf<T>(out: string): T {
  return JSON.parse(out.slice(out.indexOf('{'))) as T;
}

describe('two local Regions behind the front door', () => {
  let h: RegionsHarness;
  let devConsole: ConsoleServer;

  beforeAll(async () => {
    h = await startRegionsHarness();
    // What `turnout dev --regions` starts beside the Regions (run-regions-dev.ts).
    devConsole = await startDevConsole(h.root);
  }, 600_000);

  afterAll(async () => {
    await devConsole?.stop();
    await h?.stop();
  }, 120_000);

  const servedBy = async (home: string | undefined, path = '/hello') => {
    const response = await viaFrontDoor(h.dev, path, { home });
    await response.arrayBuffer();
    return response.headers.get(SERVED_BY_HEADER);
  };

  it('serves clients homed in each Region from that Region, and others from the nearest', async () => {
    for (const [home, other] of [
      [EAST, WEST],
      [WEST, EAST],
    ] as const) {
      const [homeBefore, otherBefore] = [home, other].map((r) =>
        invocations(h.dev, r, 'turnout-hello'),
      );
      for (let i = 0; i < 10; i++) expect(await servedBy(home)).toBe(home);
      expect(invocations(h.dev, home, 'turnout-hello')).toBeGreaterThanOrEqual(
        (homeBefore as number) + 10,
      );
      expect(invocations(h.dev, other, 'turnout-hello')).toBe(otherBefore);
    }
    expect([EAST, WEST]).toContain(await servedBy(undefined));
  });

  it("starts a console whose Regions page shows both Regions, for the printed URL's token only", async () => {
    const opened = await fetch(devConsole.openUrl, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('set-cookie')).toContain('turnout_console=');
    const withToken = await fetch(`${devConsole.url}/api/regions`, {
      headers: { [CONSOLE_TOKEN_HEADER]: devConsole.token },
    });
    expect(withToken.status).toBe(200);
    const view = (await withToken.json()) as { regions: { region: string }[] };
    expect(view.regions.map((r) => r.region)).toEqual([EAST, WEST]);
    const without = await fetch(`${devConsole.url}/api/regions`);
    expect(without.status).toBe(401);
    const wrongToken = await fetch(`${devConsole.url}/api/regions`, {
      headers: { [CONSOLE_TOKEN_HEADER]: 'not-the-token' },
    });
    expect(wrongToken.status).toBe(401);
  });

  it('refuses a client Region it does not have, saying which it has', async () => {
    const response = await viaFrontDoor(h.dev, '/hello', { home: 'mars-north-1' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('us-east-1, us-west-2');
  });

  it('makes a write in one Region readable in the other, and reports the lag', async () => {
    const loadId = `replicated-${randomUUID()}`;
    const auth = {
      authorization: `Bearer ${h.dispatchToken}`,
      'content-type': 'application/json',
      'x-facility-id': 'DFW7', // loads is cut into cells by facility
    };
    const created = await viaFrontDoor(h.dev, '/loads', {
      home: EAST,
      method: 'POST',
      headers: auth,
      body: JSON.stringify(newLoad(loadId)),
    });
    expect(created.status).toBe(201);
    await expect
      .poll(async () => {
        const read = await viaFrontDoor(h.dev, `/loads/${loadId}`, { home: WEST, headers: auth });
        return [read.status, read.headers.get(SERVED_BY_HEADER)];
      })
      .toEqual([200, WEST]);
    const lag = h.dev.replication.samples.filter((s) => s.receivingRegion === WEST);
    expect(lag.length).toBeGreaterThan(0);
    console.log(
      `replication lag samples east->west (ms): ${lag.map((s) => s.latencyMs).join(' ')}`,
    );
    const { code, out } = await turnout(h.root, ['regions', '--json']);
    expect(code, out).toBe(0);
    const report = jsonOf<{
      regions: {
        region: string;
        routingControl: string;
        health: string;
        modules: { module: string; liveVersion: string }[];
        replicationLatency?: { averageMs: number; toRegions: string[] };
      }[];
    }>(out);
    const east = report.regions.find((r) => r.region === EAST);
    expect(east).toMatchObject({ routingControl: 'On', health: 'healthy' });
    expect(east?.modules).toContainEqual({ module: 'loads', cell: 'cell-1', liveVersion: '1' });
    expect(east?.replicationLatency?.toRegions).toContain(WEST);
  }, 120_000);

  it('keeps at least one Region on: the cluster refuses to turn the last one off', async () => {
    const { endpoints, controlPanelArn } = h.dev.endpoints.multiRegion.recoveryCluster;
    const controls = createRoutingControls({
      clusterEndpoints: endpoints,
      controlPanelArn,
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      await expect(controls.setRegions({ [EAST]: false, [WEST]: false })).rejects.toMatchObject({
        name: 'ConflictException',
      });
      // One endpoint down: the next one in turn answers.
      h.dev.cluster.setEndpointAvailable(0, false);
      expect((await controls.list()).map((c) => c.on)).toEqual([true, true]);
    } finally {
      h.dev.cluster.setEndpointAvailable(0, true);
      controls.destroy();
    }
  });

  it('refuses a failover without a reason, and changes nothing on a dry run', async () => {
    const noReason = await turnout(h.root, ['failover', '--to', WEST, '--yes']);
    expect(noReason.code).not.toBe(0);
    expect(noReason.out).toContain('--reason');
    const dry = await turnout(h.root, ['failover', '--to', WEST, '--reason', 'drill', '--dry-run']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toContain('us-east-1: routing control On -> Off');
    expect(dry.out).toContain('Dry run: nothing changed.');
    expect(await servedBy(EAST)).toBe(EAST);
  }, 120_000);

  it('in AWS, finds the routing controls from the pipeline definition and tries the cluster endpoints in turn', async () => {
    // The AWS code path (`--pipeline`): the definition's ARNs and cluster endpoints, the
    // real SDK. The cluster is the local one, listed after an endpoint nobody listens on
    // and one that answers it is unavailable, as AWS's endpoints are in maintenance.
    // A free port: nothing listens there, a cluster endpoint that is down.
    const dead = await findFreePort();
    const { endpoints } = h.dev.endpoints.multiRegion.recoveryCluster;
    const definition: PipelineDefinition = {
      stages: [
        { name: 'preprod', regions: [{ region: EAST, gatewayUrls: [] }] },
        {
          name: 'prod',
          regions: [EAST, WEST].map((region) => ({
            region,
            gatewayUrls: [],
            routingControlArn: h.dev.cluster.routingControlArn(region),
          })),
        },
      ],
      routingControl: {
        clusterEndpoints: [
          { region: 'us-west-2', endpoint: `http://127.0.0.1:${dead}` },
          endpoints[0] as { region: string; endpoint: string },
          endpoints[1] as { region: string; endpoint: string },
        ],
      },
    };
    const localRegion = (region: string) => {
      const r = h.dev.endpoints.multiRegion.regions.find((x) => x.region === region);
      return {
        region,
        clients: createAwsClients({ region, endpoints: r, credentials: LOCAL_CREDENTIALS }),
        cloudwatch: createLazyCloudWatch({
          region,
          endpoint: r?.lambda,
          credentials: LOCAL_CREDENTIALS,
        }),
        // The local gateway is a process, not a Lambda function: the hello module's
        // function stands in for the gateway's metrics (same GetMetricData, 1 s periods).
        gateway: {
          metrics: {
            namespace: 'AWS/Lambda' as const,
            dimensions: { FunctionName: 'turnout-hello' },
            requests: 'Invocations',
            errors: 'Errors',
            latency: 'Duration',
            resolutionSeconds: 1,
          },
          url: r?.gateway as string,
        },
      };
    };
    h.dev.cluster.setEndpointAvailable(0, false);
    const open = openPipelineRegions(definition, {
      openRegion: localRegion,
      clusterCredentials: LOCAL_CREDENTIALS,
    });
    try {
      for (let i = 0; i < 10; i++) expect(await servedBy(EAST)).toBe(EAST);
      const [servedBy0, servedBy1] = [h.dev.cluster.served(0), h.dev.cluster.served(1)];
      const report = await buildRegionsReport(open);
      expect(report.regions.map((r) => [r.region, r.routingControl])).toEqual([
        [EAST, 'On'],
        [WEST, 'On'],
      ]);
      // No front door: the figures come from CloudWatch's API and the gateway's liveness.
      const east = report.regions.find((r) => r.region === EAST);
      expect(east).toMatchObject({
        health: 'healthy',
        healthFrom: expect.stringContaining('/_turnout/live'),
        gateway: { source: 'AWS/Lambda FunctionName=turnout-hello', windowSeconds: 300 },
      });
      expect(east?.gateway?.requests).toBeGreaterThanOrEqual(10);
      expect(east?.gateway?.p50Ms).toBeGreaterThan(0);
      // The endpoint that said it is unavailable served nothing; the next one in turn did.
      expect(h.dev.cluster.served(1)).toBeGreaterThan(servedBy1);
      expect(h.dev.cluster.served(0)).toBe(servedBy0);

      // Clients homed in us-east-1 keep calling through the switch: its count must reach zero.
      let calling = true;
      const clients = (async () => {
        while (calling) await servedBy(EAST).catch(() => undefined);
      })();
      const result = await failOver(open, {
        to: WEST,
        reason: 'regions test: AWS path',
        by: 'ops@example.com',
        watchMs: 60_000,
      }).finally(() => {
        calling = false;
      });
      await clients;
      expect(result.record).toMatchObject({ before: { [EAST]: true, [WEST]: true } });
      console.log(`failover, AWS path: ${JSON.stringify(result.traffic)}`);
      expect(result.traffic).toMatchObject({ measuredBy: 'CloudWatch', resolutionMs: 1_000 });
      expect(result.traffic?.stoppedAfterMs).toBeGreaterThanOrEqual(0);
      expect(result.record?.trafficStoppedAfterMs).toBe(result.traffic?.stoppedAfterMs);
      await expect.poll(() => servedBy(EAST), { timeout: 30_000 }).toBe(WEST);
      // Recorded in the registry table (the global table the stacks make), in us-west-2.
      const west = localRegion(WEST);
      const records = await listFailoverRecords(west.clients.documents, open.registryTable);
      expect(records[0]).toMatchObject({
        action: 'to',
        to: WEST,
        by: 'ops@example.com',
        reason: 'regions test: AWS path',
        after: { [EAST]: false, [WEST]: true },
      });
      destroyAwsClients(west.clients);

      await failOver(open, { restore: true, reason: 'regions test: AWS path over', watchMs: 0 });
      expect((await open.controls.list()).map((c) => c.on)).toEqual([true, true]);
      await expect.poll(() => servedBy(EAST), { timeout: 30_000 }).toBe(EAST);
    } finally {
      h.dev.cluster.setEndpointAvailable(0, true);
      open.close();
    }
  }, 120_000);

  it('fails over to us-west-2 under load with no failed idempotent request and no double write, then restores', async () => {
    const auth = {
      authorization: `Bearer ${h.dispatchToken}`,
      'content-type': 'application/json',
      'x-facility-id': 'DFW7', // loads is cut into cells by facility
    };
    const prefix = `failover-${randomUUID().slice(0, 8)}-`;
    const writes: { id: string; status: number }[] = [];
    const writeRequest: LoadRequest = {
      name: 'POST /loads (us-east-1)',
      send: async () => {
        const id = `${prefix}${writes.length}`;
        const entry = { id, status: 0 };
        writes.push(entry);
        const response = await viaFrontDoor(h.dev, '/loads', {
          home: EAST,
          method: 'POST',
          headers: auth,
          body: JSON.stringify(newLoad(id)),
        });
        entry.status = response.status;
        return response;
      },
      // A write either lands (201) or is refused cleanly by the front door (502, not retried).
      ok: (r) => r.status === 201 || r.status === 502,
    };
    const load = startReadLoad(h.dev, [writeRequest]);
    await expect.poll(() => writes.length, { timeout: 60_000 }).toBeGreaterThan(10);

    const failover = await turnout(h.root, [
      'failover',
      '--to',
      WEST,
      '--reason',
      'regions test: drill',
      '--yes',
      '--json',
    ]);
    expect(failover.code, failover.out).toBe(0);
    const result = jsonOf<{ traffic?: { stoppedAfterMs?: number; controlsSeenAfterMs?: number } }>(
      failover.out,
    );
    console.log(`failover: ${JSON.stringify(result.traffic)}`);
    expect(result.traffic?.stoppedAfterMs).toBeDefined();

    // Every client, homed in us-east-1 or not, is now served by us-west-2 (a generous ceiling).
    await expect
      .poll(async () => (await Promise.all([servedBy(EAST), servedBy(undefined)])).join(), {
        timeout: 30_000,
      })
      .toBe(`${WEST},${WEST}`);
    const eastBefore = invocations(h.dev, EAST, 'turnout-hello');
    for (let i = 0; i < 20; i++) expect(await servedBy(EAST)).toBe(WEST);
    expect(invocations(h.dev, EAST, 'turnout-hello')).toBe(eastBefore);

    const report = await load.stop();
    const failedReads = report.failures.filter((f) => !f.name.startsWith('POST'));
    console.log(`load: ${report.sent} sent, ${report.failed} failed`, report.failures);
    expect(failedReads).toEqual([]);
    expect(report.failed).toBe(0);
    // No double write: each load created once, in both Regions once replicated.
    const created = writes.filter((w) => w.status === 201).length;
    expect(created).toBeGreaterThan(0);
    for (const region of [EAST, WEST])
      await expect.poll(() => countLoads(h.dev, region, prefix), { timeout: 30_000 }).toBe(created);

    const records = await listFailoverRecords(
      (h.dev.regions[1] as RegionsHarness['dev']['regions'][number]).cloud.clients.documents,
      h.dev.endpoints.multiRegion.failoversTable,
    );
    expect(records[0]).toMatchObject({ action: 'to', to: WEST, reason: 'regions test: drill' });

    const restore = await turnout(h.root, [
      'failover',
      '--restore',
      '--reason',
      'regions test: drill over',
      '--yes',
    ]);
    expect(restore.code, restore.out).toBe(0);
    await expect.poll(() => servedBy(EAST), { timeout: 30_000 }).toBe(EAST);
    expect(await servedBy(WEST)).toBe(WEST);
  }, 300_000);

  it('takes a Region whose gateway stops out by its health checks, failing no idempotent request', async () => {
    const load = startReadLoad(h.dev);
    const forwarded = () =>
      h.dev.frontDoor.status().regions.reduce((sum, r) => sum + r.forwarded, 0);
    const before = forwarded();
    await expect.poll(forwarded, { timeout: 60_000 }).toBeGreaterThanOrEqual(before + 20);
    const faultAt = Date.now();
    await (h.dev.regions[0] as RegionsHarness['dev']['regions'][number]).gateway.stop();
    await expect
      .poll(
        async () => h.dev.frontDoor.status().regions.find((r) => r.region === EAST)?.health.healthy,
        { timeout: 30_000 },
      )
      .toBe(false);
    const east = h.dev.frontDoor.status().regions.find((r) => r.region === EAST);
    await expect.poll(() => servedBy(EAST)).toBe(WEST);
    // Enough traffic after the fault to judge by: 40 more requests served by us-west-2.
    const westServed = () =>
      h.dev.frontDoor.status().regions.find((r) => r.region === WEST)?.forwarded ?? 0;
    const after = westServed();
    await expect.poll(westServed, { timeout: 60_000 }).toBeGreaterThanOrEqual(after + 40);
    const report = await load.stop();
    console.log(
      `fault: detected after ${(east?.health.changedAt ?? 0) - faultAt} ms; ${report.sent} requests, ${report.failed} failed; ${east?.retriedElsewhere} retried on ${WEST}`,
    );
    expect(report.failures).toEqual([]);
  }, 180_000);
});
