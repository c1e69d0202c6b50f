import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DEFAULT_DEPLOYMENTS_TABLE } from '../../contracts/deployment-record.ts';
import { readAliasTraffic } from '../../control-plane/deploy/alias-traffic.ts';
import type { RegionsReport } from '../../control-plane/regions/index.ts';
import { listModuleRecords } from '../../control-plane/registry/list-module-records.ts';
import { readLatestGeneration } from '../../control-plane/registry/read-latest-generation.ts';
import { statusUnitsOf } from '../../control-plane/registry/status-units.ts';
import type { OpenRegion, OpenRegions } from './open-regions.ts';

export type { RegionsReport };

const LAG_WINDOW_MS = 5 * 60_000;

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
        const [modules, replicationLatency] = await Promise.all([
          liveVersions(r, open.registryTable),
          replicationLag(r, others(r.region)),
        ]);
        return {
          region: r.region,
          routingControl: control ? (control.on ? 'On' : 'Off') : 'unknown',
          health: standing ? (standing.health.healthy ? 'healthy' : 'unhealthy') : 'unknown',
          ...(standing ? { gateway: standing.recent } : {}),
          modules,
          ...(replicationLatency ? { replicationLatency } : {}),
        };
      }),
    ),
  };
}

async function liveVersions(region: OpenRegion, registryTable: string) {
  const [records, latest] = await Promise.all([
    listModuleRecords(region.clients.documents, registryTable),
    readLatestGeneration(region.clients.documents, registryTable),
  ]);
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
async function replicationLag(region: OpenRegion, receivers: string[]) {
  const { TableNames = [] } = await region.clients.dynamo.send(new ListTablesCommand({}));
  const tables = TableNames.filter((t) => t !== DEFAULT_DEPLOYMENTS_TABLE);
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
  const answer = await region.cloudwatch.getMetricData({
    MetricDataQueries: queries,
    StartTime: start,
    EndTime: end,
  });
  const value = (id: string) => answer.MetricDataResults?.find((r) => r.Id === id)?.Values?.[0];
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

/** The report as an operator reads it. */
export function formatRegionsReport(report: RegionsReport): string {
  const lines: string[] = [];
  for (const r of report.regions) {
    const gateway = r.gateway
      ? `${r.gateway.requests} requests in the last minute, ${(r.gateway.errorRate * 100).toFixed(1)}% errors, p50 ${fmt(r.gateway.p50Ms)} p99 ${fmt(r.gateway.p99Ms)}`
      : 'no traffic figures (front door not answering)';
    const lag = r.replicationLatency
      ? `replication lag to ${r.replicationLatency.toRegions.join(', ')}: average ${r.replicationLatency.averageMs.toFixed(0)} ms, worst ${r.replicationLatency.maximumMs.toFixed(0)} ms (last 5 min)`
      : 'replication lag: no writes replicated in the last 5 min';
    lines.push(
      `${r.region}  routing control ${r.routingControl}  health ${r.health}`,
      `  gateway: ${gateway}`,
      `  ${lag}`,
      `  live: ${r.modules.map((m) => `${m.cell ? `${m.module}/${m.cell}` : m.module}@${m.liveVersion}${m.canary ? ` (+${m.canary.version} ${(m.canary.weight * 100).toFixed(0)}%)` : ''}`).join(' ') || 'no modules'}`,
    );
  }
  return lines.join('\n');
}

const fmt = (ms: number | undefined) => (ms === undefined ? '-' : `${ms.toFixed(0)} ms`);
