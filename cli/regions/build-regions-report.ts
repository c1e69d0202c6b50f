import { LIVENESS_PATH } from '../../contracts/health-samples.ts';
import type { ModuleRecord } from '../../contracts/registry.ts';
import { readAliasTraffic } from '../../control-plane/deploy/alias-traffic.ts';
import type { RegionsReport } from '../../control-plane/regions/index.ts';
import { listModuleRecords } from '../../control-plane/registry/list-module-records.ts';
import { readLatestGeneration } from '../../control-plane/registry/read-latest-generation.ts';
import { statusUnitsOf } from '../../control-plane/registry/status-units.ts';
import { deployUnitManifests, tableName } from '../../modules/kit/index.ts';
import { checkGatewayLiveness } from './check-gateway-liveness.ts';
import { readGatewayFigures } from './gateway-metrics.ts';
import type { OpenRegion, OpenRegions } from './open-regions.ts';

export type { RegionsReport };

const LAG_WINDOW_MS = 5 * 60_000;
/** CloudWatch's figures arrive a minute or two late: the last minute alone is often empty. */
const GATEWAY_WINDOW_MS = 5 * 60_000;
/** GetMetricData takes at most 500 queries a call. */
const MAX_QUERIES = 500;

/** Reads every Region's routing control, health, traffic, live versions and replication lag. */
export async function buildRegionsReport(open: OpenRegions): Promise<RegionsReport> {
  const [controls, door] = await Promise.all([
    open.controls.list().catch(() => undefined),
    open.frontDoorStatus(),
  ]);
  const others = (region: string) => open.regions.map((r) => r.region).filter((r) => r !== region);
  return {
    regions: await Promise.all(
      open.regions.map(async (r) => {
        const control = controls?.find((c) => c.region === r.region);
        const standing = door?.regions.find((d) => d.region === r.region);
        const records = await listModuleRecords(r.clients.documents, open.registryTable);
        const [modules, replicationLatency, cloud] = await Promise.all([
          liveVersions(r, open.registryTable, records),
          replicationLag(r, others(r.region), globalTables(open.registryTable, records)),
          standing ? undefined : cloudFigures(r),
        ]);
        return {
          region: r.region,
          routingControl: control ? (control.on ? 'On' : 'Off') : 'unknown',
          health: standing
            ? standing.health.healthy
              ? 'healthy'
              : 'unhealthy'
            : (cloud?.health ?? 'unknown'),
          ...(cloud?.healthFrom ? { healthFrom: cloud.healthFrom } : {}),
          ...(standing ? { gateway: standing.recent } : {}),
          ...(cloud?.gateway ? { gateway: cloud.gateway } : {}),
          modules,
          ...(replicationLatency ? { replicationLatency } : {}),
        };
      }),
    ),
  };
}

/**
 * Without a front door (AWS): the gateway's figures from its CloudWatch metrics and its
 * health from its `/_turnout/live`. A figure that cannot be read is left out, not guessed.
 */
async function cloudFigures(region: OpenRegion) {
  const gateway = region.gateway;
  if (!gateway) return undefined;
  const [figures, health] = await Promise.all([
    readGatewayFigures(region.cloudwatch.getMetricData, gateway.metrics, GATEWAY_WINDOW_MS).catch(
      () => undefined,
    ),
    gateway.url ? checkGatewayLiveness(gateway.url) : undefined,
  ]);
  return {
    ...(figures ? { gateway: { ...figures, windowSeconds: GATEWAY_WINDOW_MS / 1000 } } : {}),
    ...(health && gateway.url
      ? { health, healthFrom: `GET ${new URL(LIVENESS_PATH, gateway.url)}` }
      : {}),
  };
}

/**
 * The global tables: the registry, and each registered module's tables (each cell's, for
 * a cellular module) as its manifest names them, the names the stacks gave them; not
 * every table the Region has. A module's prefix is its function name's: both follow the
 * one naming rule (`resourceName`).
 */
function globalTables(registryTable: string, records: readonly ModuleRecord[]): string[] {
  const moduleTables = records.flatMap((record) => {
    const suffix = `-${record.name}`;
    if (!record.functionName.endsWith(suffix)) return [];
    const prefix = record.functionName.slice(0, -suffix.length);
    return deployUnitManifests(record.manifest).flatMap((unit) =>
      Object.keys(unit.tables ?? {}).map((t) => tableName(unit.name, t, prefix)),
    );
  });
  return [registryTable, ...moduleTables];
}

async function liveVersions(
  region: OpenRegion,
  registryTable: string,
  records: readonly ModuleRecord[],
) {
  const latest = await readLatestGeneration(region.clients.documents, registryTable);
  // A cellular module's cells each have a function and version of their own, as in status.
  const units = records.flatMap((record) => statusUnitsOf(record, latest));
  return Promise.all(
    units.map(async (unit) => {
      const traffic = await readAliasTraffic(region.clients.lambda, unit).catch(() => undefined);
      return {
        module: unit.record.name,
        ...(unit.cell ? { cell: unit.cell } : {}),
        liveVersion: traffic?.version ?? 'missing',
        ...(traffic?.canary ? { canary: traffic.canary } : {}),
      };
    }),
  );
}

/**
 * CloudWatch's `AWS/DynamoDB` ReplicationLatency, which the sending Region reports per
 * table and receiving Region: the average and the worst over the window, across tables.
 */
async function replicationLag(region: OpenRegion, receivers: string[], tables: string[]) {
  const pairs = tables.flatMap((table) => receivers.map((to) => ({ table, to })));
  if (pairs.length === 0) return undefined;
  const end = new Date();
  const start = new Date(end.getTime() - LAG_WINDOW_MS);
  const queries = pairs.flatMap(({ table, to }, i) =>
    (['Average', 'Maximum', 'SampleCount'] as const).map((stat) => ({
      Id: `${stat.toLowerCase()}${i}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/DynamoDB',
          MetricName: 'ReplicationLatency',
          Dimensions: [
            { Name: 'TableName', Value: table },
            { Name: 'ReceivingRegion', Value: to },
          ],
        },
        Period: LAG_WINDOW_MS / 1000,
        Stat: stat,
      },
    })),
  );
  const answers = await Promise.all(
    chunks(queries, MAX_QUERIES).map((MetricDataQueries) =>
      region.cloudwatch.getMetricData({ MetricDataQueries, StartTime: start, EndTime: end }),
    ),
  );
  const results = answers.flatMap((a) => a.MetricDataResults ?? []);
  const value = (id: string) => results.find((r) => r.Id === id)?.Values?.[0];
  let weighted = 0;
  let count = 0;
  let maximum = 0;
  const toRegions = new Set<string>();
  pairs.forEach(({ to }, i) => {
    const n = value(`samplecount${i}`) ?? 0;
    if (n === 0) return;
    weighted += (value(`average${i}`) ?? 0) * n;
    count += n;
    maximum = Math.max(maximum, value(`maximum${i}`) ?? 0);
    toRegions.add(to);
  });
  return count
    ? { averageMs: weighted / count, maximumMs: maximum, toRegions: [...toRegions] }
    : undefined;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The report as an operator reads it. */
export function formatRegionsReport(report: RegionsReport): string {
  const lines: string[] = [];
  for (const r of report.regions) {
    const window = r.gateway?.windowSeconds
      ? `the last ${r.gateway.windowSeconds / 60} min`
      : 'the last minute';
    const gateway = r.gateway
      ? `${r.gateway.requests} requests in ${window}, ${(r.gateway.errorRate * 100).toFixed(1)}% errors, p50 ${fmt(r.gateway.p50Ms)} p99 ${fmt(r.gateway.p99Ms)}${r.gateway.source ? ` (CloudWatch ${r.gateway.source})` : ''}`
      : 'no traffic figures (no front door answering, no CloudWatch figures read)';
    const lag = r.replicationLatency
      ? `replication lag to ${r.replicationLatency.toRegions.join(', ')}: average ${r.replicationLatency.averageMs.toFixed(0)} ms, worst ${r.replicationLatency.maximumMs.toFixed(0)} ms (last 5 min)`
      : 'replication lag: no writes replicated in the last 5 min';
    lines.push(
      `${r.region}  routing control ${r.routingControl}  health ${r.health}${r.healthFrom ? ` (${r.healthFrom})` : ''}`,
      `  gateway: ${gateway}`,
      `  ${lag}`,
      `  live: ${r.modules.map((m) => `${m.cell ? `${m.module}/${m.cell}` : m.module}@${m.liveVersion}${m.canary ? ` (+${m.canary.version} ${(m.canary.weight * 100).toFixed(0)}%)` : ''}`).join(' ') || 'no modules'}`,
    );
  }
  return lines.join('\n');
}

const fmt = (ms: number | undefined) => (ms === undefined ? '-' : `${ms.toFixed(0)} ms`);
