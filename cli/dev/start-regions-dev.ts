import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DEFAULT_DEPLOYMENTS_TABLE } from '../../contracts/deployment-record.ts';
import { ensureKeyedTable, LOCAL_CREDENTIALS } from '../../control-plane/aws/index.ts';
import {
  createRoutingControls,
  DEFAULT_FAILOVERS_TABLE,
} from '../../control-plane/regions/index.ts';
import {
  type FrontDoor,
  type HealthCheckOptions,
  startFrontDoor,
} from '../../local-cloud/front-door/index.ts';
import { type LocalIssuer, startLocalIssuer } from '../../local-cloud/issuer/index.ts';
import {
  type LocalRecoveryCluster,
  startLocalRecoveryCluster,
} from '../../local-cloud/recovery-cluster/index.ts';
import {
  startTableReplication,
  type TableReplication,
} from '../../local-cloud/replication/index.ts';
import {
  type DevEndpoints,
  type MultiRegionEndpoints,
  removeEndpointsFile,
  writeEndpointsFile,
} from './endpoints-file.ts';
import { type DevEnvironment, type StartDevOptions, startDev } from './start-dev.ts';

export interface StartRegionsDevOptions extends Omit<StartDevOptions, 'region' | 'port'> {
  /** Two or more Region names, e.g. `['us-east-1', 'us-west-2']`. */
  regions: readonly string[];
  /** The front door's port, the one clients use. @default 4000 */
  port?: number;
  healthCheck?: HealthCheckOptions;
  /** How often the front door reads the routing controls. @default 250 */
  controlIntervalMs?: number;
  /** How often the local global tables read a stream with writes (an idle one backs off). @default 100 */
  replicationPollMs?: number;
}

export interface RegionsDevEnvironment extends AsyncDisposable {
  /** One full `turnout dev` per Region, in the order given. */
  regions: DevEnvironment[];
  frontDoor: FrontDoor;
  cluster: LocalRecoveryCluster;
  replication: TableReplication;
  /** The token issuer every Region's gateway trusts. */
  issuer: LocalIssuer;
  endpoints: DevEndpoints & { multiRegion: MultiRegionEndpoints };
  endpointsFile: string;
  stop(): Promise<void>;
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * `turnout dev --regions a,b`: a whole local system per Region (its own Lambda, DynamoDB
 * Local, SQS and gateway, the same modules deployed in each), with what joins them in
 * AWS standing in locally: the module tables, the registry and the failover records
 * replicated between the Regions' DynamoDB Locals (global tables), an ARC cluster with one
 * routing control per Region, and the front door on the port clients use (Route 53).
 */
export async function startRegionsDev(
  options: StartRegionsDevOptions,
): Promise<RegionsDevEnvironment> {
  checkRegionNames(options.regions);
  const log = options.log ?? (() => {});
  // One identity provider for every Region, as in AWS: a token works wherever it lands.
  const issuer = await startLocalIssuer();
  // One after another: two DynamoDB Locals (JVMs) and two builds starting together on a
  // busy laptop miss DynamoDB Local's start timeout.
  const regions: DevEnvironment[] = [];
  const cleanup: (() => Promise<void>)[] = [() => issuer.stop()];
  const stopAll = async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  };
  try {
    for (const region of options.regions) {
      const dev = await startDev({
        ...options,
        region,
        issuer,
        port: 0,
        writeEndpoints: false,
        // Each Region builds apart: the Regions' builds must not overwrite each other.
        buildDirectory: join(options.root, '.turnout', 'build', region),
        log: (line) => log(`[${region}] ${line.trim()}`),
      });
      regions.push(dev);
      cleanup.push(() => dev.stop());
    }
    const first = regions[0] as DevEnvironment;
    await Promise.all(
      regions.map((r) => ensureKeyedTable(r.cloud.clients.dynamo, DEFAULT_FAILOVERS_TABLE)),
    );
    const replication = await replicateTables(regions, options.replicationPollMs);
    cleanup.push(() => replication.stop());
    const cluster = await startLocalRecoveryCluster({ regions: options.regions });
    cleanup.push(() => cluster.stop());
    const controls = createRoutingControls({
      clusterEndpoints: cluster.endpoints,
      controlPanelArn: cluster.controlPanelArn,
      credentials: LOCAL_CREDENTIALS,
    });
    cleanup.push(async () => controls.destroy());
    const frontDoorToken = randomBytes(24).toString('base64url');
    const frontDoor = await startFrontDoor({
      port: options.port ?? 4000,
      regions: regions.map((r) => ({ region: r.cloud.region, gatewayUrl: r.gateway.url })),
      readRoutingControls: () => controls.list(),
      controlIntervalMs: options.controlIntervalMs,
      healthCheck: options.healthCheck,
      statusToken: frontDoorToken,
    });
    cleanup.push(() => frontDoor.stop());
    const endpoints = {
      ...first.endpoints,
      multiRegion: {
        regions: regions.map((r) => ({
          region: r.cloud.region,
          ...r.cloud.endpoints,
          gateway: r.gateway.url,
          gatewayHealthToken: r.endpoints.gatewayHealthToken as string,
        })),
        frontDoor: frontDoor.url,
        frontDoorToken,
        recoveryCluster: { endpoints: cluster.endpoints, controlPanelArn: cluster.controlPanelArn },
        failoversTable: DEFAULT_FAILOVERS_TABLE,
      },
    };
    const endpointsFile = join(options.root, '.turnout', 'endpoints.json');
    await writeEndpointsFile(endpointsFile, endpoints);
    cleanup.push(() => removeEndpointsFile(endpointsFile));
    return {
      regions,
      frontDoor,
      cluster,
      replication,
      issuer,
      endpoints,
      endpointsFile,
      stop: stopAll,
      [Symbol.asyncDispose]: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function checkRegionNames(regions: readonly string[]): void {
  const bad = regions.filter((r) => !REGION_NAME.test(r));
  if (bad.length)
    throw new Error(
      `Not a Region name: ${bad.map((r) => JSON.stringify(r)).join(', ')}. Give AWS Region names separated by commas, e.g. --regions us-east-1,us-west-2.`,
    );
  if (new Set(regions).size !== regions.length || regions.length < 2)
    throw new Error(
      `--regions needs two or more different Regions (got ${regions.join(',') || 'none'}); for one Region, leave --regions out.`,
    );
}

/**
 * Every table but the deployment records (the pipeline's, per Region) replicates: the
 * module tables, the registry and the failover records, as the stacks make them global
 * tables in AWS. ReplicationLatency goes to the sending Region's CloudWatch (its local
 * Lambda serves GetMetricData), by TableName and ReceivingRegion, as in AWS.
 */
async function replicateTables(
  regions: DevEnvironment[],
  pollIntervalMs: number | undefined,
): Promise<TableReplication> {
  const first = regions[0] as DevEnvironment;
  const { TableNames = [] } = await first.cloud.clients.dynamo.send(new ListTablesCommand({}));
  const tables = TableNames.filter((t) => t !== DEFAULT_DEPLOYMENTS_TABLE);
  const streams = regions.map(
    (r) =>
      new DynamoDBStreamsClient({
        region: r.cloud.region,
        endpoint: r.cloud.endpoints.dynamodb,
        credentials: LOCAL_CREDENTIALS,
      }),
  );
  const lambdaOf = new Map(regions.map((r) => [r.cloud.region, r.cloud.lambda]));
  const replication = await startTableReplication({
    regions: regions.map((r, i) => ({
      region: r.cloud.region,
      dynamo: r.cloud.clients.dynamo,
      streams: streams[i] as DynamoDBStreamsClient,
    })),
    tables,
    pollIntervalMs,
    onReplicated: (sample) =>
      lambdaOf.get(sample.sourceRegion)?.putMetric({
        namespace: 'AWS/DynamoDB',
        metricName: 'ReplicationLatency',
        dimensions: { TableName: sample.table, ReceivingRegion: sample.receivingRegion },
        values: [sample.latencyMs],
        timestampMs: sample.at,
      }),
    onError: (error) => console.error('[global tables]', error),
  });
  const stop = async () => {
    await replication.stop();
    for (const s of streams) s.destroy();
  };
  return {
    get samples() {
      return replication.samples;
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
