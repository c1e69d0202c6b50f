import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type RegionsDevEnvironment, startRegionsDev } from '../../cli/dev/index.ts';
import { CLIENT_REGION_HEADER } from '../../local-cloud/front-door/index.ts';
import { makeProject } from './make-project.ts';
import { type LoadRequest, startSteadyLoad } from './steady-load.ts';

const _repo = resolve(import.meta.dirname, '..', '..');

/** The modules two Regions run in the tests and the benchmark: REST, a graphlet, writes. */
const MODULES = ['hello', 'loads', 'names'];

export const EAST = 'us-east-1';
export const WEST = 'us-west-2';

export interface RegionsHarness {
  dev: RegionsDevEnvironment;
  root: string;
  /** A token for the loads module's writes, valid in every Region (one issuer). */
  dispatchToken: string;
  stop(): Promise<void>;
}

/** `turnout dev --regions us-east-1,us-west-2` in process, on a root with three modules. */
export async function startRegionsHarness(
  options: { healthIntervalMs?: number; failureThreshold?: number } = {},
): Promise<RegionsHarness> {
  const root = await makeProject('turnout-regions-', MODULES);
  const dev = await startRegionsDev({
    root,
    regions: [EAST, WEST],
    port: 0,
    pollIntervalMs: 250,
    healthCheck: {
      intervalMs: options.healthIntervalMs ?? 250,
      failureThreshold: options.failureThreshold ?? 2,
    },
  });
  const dispatchToken = await dev.issuer.sign({ sub: 'dispatcher-1', scope: 'dispatch' });
  return {
    dev,
    root,
    dispatchToken,
    stop: async () => {
      await dev.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A request through the front door, homed in `home` when given. */
export function viaFrontDoor(
  dev: RegionsDevEnvironment,
  path: string,
  init: RequestInit & { home?: string } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.home) headers.set(CLIENT_REGION_HEADER, init.home);
  return fetch(new URL(path, dev.frontDoor.url), { ...init, headers });
}

const NAME_QUERY = JSON.stringify({ query: '{ name(id: "nm0000329") { name } }' });

/** The steady load's idempotent requests: REST reads and a GraphQL query, homed or not. */
export function idempotentRequests(dev: RegionsDevEnvironment, home?: string): LoadRequest[] {
  const tag = home ?? 'nearest';
  return [
    {
      name: `GET /hello (${tag})`,
      send: () => viaFrontDoor(dev, '/hello', { home }),
      ok: (r) => r.status === 200,
    },
    {
      name: `query name (${tag})`,
      send: () =>
        viaFrontDoor(dev, '/graphql', {
          home,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: NAME_QUERY,
        }),
      ok: (r, body) => r.status === 200 && body.includes('"name"') && !body.includes('"errors"'),
    },
  ];
}

/** A load with stops, as the loads module takes it. */
export function newLoad(loadId: string) {
  return {
    loadId,
    stops: [
      { facilityId: 'DFW7', type: 'pickup', plannedAt: '2026-03-01T08:00:00Z' },
      { facilityId: 'ATL6', type: 'delivery', plannedAt: '2026-03-02T08:00:00Z' },
    ],
  };
}

/** How many loads whose id starts with `prefix` a Region's table holds. */
export async function countLoads(
  dev: RegionsDevEnvironment,
  region: string,
  prefix: string,
): Promise<number> {
  const env = dev.regions.find((r) => r.cloud.region === region);
  // loads is cut into cells: each cell has a table of its own.
  const tables = (env?.modules ?? [])
    .filter((m) => m.name === 'loads' || m.name.startsWith('loads-cell-'))
    .flatMap((m) => (m.tables.loads ? [m.tables.loads] : []));
  if (!env || tables.length === 0) throw new Error(`no loads table in ${region}`);
  let count = 0;
  for (const table of tables) count += await countIn(env, table, prefix);
  return count;
}

async function countIn(
  env: RegionsDevEnvironment['regions'][number],
  table: string,
  prefix: string,
): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await env.cloud.clients.documents.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'begins_with(loadId, :p)',
        ExpressionAttributeValues: { ':p': prefix },
        ExclusiveStartKey,
      }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

/** A Region's `AWS/Lambda` Invocations of one function so far, from its local Lambda. */
export function invocations(dev: RegionsDevEnvironment, region: string, functionName: string) {
  const env = dev.regions.find((r) => r.cloud.region === region);
  const series = env?.cloud.lambda.metrics.query({
    functionName,
    metric: 'Invocations',
    stat: 'Sum',
    start: 0,
    end: Date.now() + 1_000,
  });
  return (series?.values ?? []).reduce((a, b) => a + b, 0);
}

/** A steady load of idempotent requests, half homed in us-east-1, half sent to the nearest. */
export function startReadLoad(dev: RegionsDevEnvironment, extra: LoadRequest[] = []) {
  return startSteadyLoad([...idempotentRequests(dev, EAST), ...idempotentRequests(dev), ...extra], {
    concurrency: 4,
    pauseMs: 10,
    maxMs: 240_000,
  });
}
