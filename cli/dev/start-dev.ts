import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { stop as stopEsbuild } from 'esbuild';
import {
  DEFAULT_DEPLOYMENTS_TABLE,
  ensureDeploymentsTable,
} from '../../control-plane/deploy/index.ts';
import {
  type DiscoveredModule,
  discoverModules,
} from '../../control-plane/module-catalog/index.ts';
import { publishModule } from '../../control-plane/publish/index.ts';
import { DEFAULT_REGISTRY_TABLE, ensureRegistryTable } from '../../control-plane/registry/index.ts';
import {
  createJsonLogger,
  createLambdaInvoker,
  type GatewayServer,
  startGatewayServer,
} from '../../gateway/index.ts';
import {
  LOCAL_CREDENTIALS,
  type LocalCloud,
  type LocalIssuer,
  startLocalCloud,
} from '../../local-cloud/index.ts';
import { type ProvisionedModule, provisionModule } from '../../local-cloud/provision/index.ts';
import { compareTiers } from '../../modules/kit/index.ts';
import { type DevEndpoints, removeEndpointsFile, writeEndpointsFile } from './endpoints-file.ts';
import { seedModule } from './seed-module.ts';

export interface StartDevOptions {
  /** The project root, holding modules/ and .turnout/. */
  root: string;
  /** The gateway's port. @default 4000 */
  port?: number;
  region?: string;
  /** How often the gateway looks for a newly published generation. @default 1000 */
  pollIntervalMs?: number;
  log?: (line: string) => void;
  /** Where the gateway's JSON log lines go. @default nowhere */
  gatewayLog?: (line: string) => void;
  /** Write `.turnout/endpoints.json`; one Region of several leaves it to startRegionsDev. @default true */
  writeEndpoints?: boolean;
  /** Where modules are built. @default <root>/.turnout/build */
  buildDirectory?: string;
  /** The issuer the gateway trusts; Regions share one, as they share one in AWS. @default the local cloud's */
  issuer?: LocalIssuer;
}

export interface DevEnvironment extends AsyncDisposable {
  cloud: LocalCloud;
  gateway: GatewayServer;
  modules: ProvisionedModule[];
  endpoints: DevEndpoints;
  endpointsFile: string;
  stop(): Promise<void>;
}

/** The role ARN functions get locally; the stacks make a real one per module in AWS. */
const LOCAL_ROLE = 'arn:aws:iam::000000000000:role/turnout-local';

/**
 * Brings the whole system up on this machine: the local cloud, every module in
 * modules/ as version 1 behind its `live` alias and published to the registry, the
 * gateway, and the endpoints file.
 */
export async function startDev(options: StartDevOptions): Promise<DevEnvironment> {
  const log = options.log ?? (() => {});
  const cloud = await startLocalCloud({ region: options.region });
  const invoker = createLambdaInvoker({
    region: cloud.region,
    endpoint: cloud.endpoints.lambda,
    credentials: LOCAL_CREDENTIALS,
  });
  let gateway: GatewayServer | undefined;
  const issuer = options.issuer ?? cloud.issuer;
  try {
    const discovered = await discoverModules(join(options.root, 'modules'));
    await Promise.all([
      ensureRegistryTable(cloud.clients.dynamo, DEFAULT_REGISTRY_TABLE),
      ensureDeploymentsTable(cloud.clients.dynamo, DEFAULT_DEPLOYMENTS_TABLE),
    ]);
    const buildDirectory = options.buildDirectory ?? join(options.root, '.turnout', 'build');
    const modules = await provisionAll(buildDirectory, discovered, cloud, log);
    await publishAll(discovered, modules, cloud);
    // Made afresh per run: only what reads .turnout/endpoints.json sees the samples.
    const healthToken = randomBytes(24).toString('base64url');
    gateway = await startGatewayServer({
      registry: { documents: cloud.clients.documents, tableName: DEFAULT_REGISTRY_TABLE },
      invoke: invoker.invoke,
      dev: true,
      port: options.port ?? 4000,
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      // The local issuer's tokens, as a deployed gateway trusts its environment's issuer.
      auth: {
        issuer: issuer.issuer,
        audience: issuer.audience,
        jwksUrl: issuer.jwksUrl,
      },
      healthToken,
      logger: createJsonLogger({
        base: { service: 'turnout-gateway' },
        write: options.gatewayLog ?? (() => {}),
      }),
    });
    const endpointsFile = join(options.root, '.turnout', 'endpoints.json');
    const endpoints: DevEndpoints = {
      region: cloud.region,
      ...cloud.endpoints,
      gateway: gateway.url,
      issuer: issuer.issuer,
      audience: issuer.audience,
      jwks: issuer.jwksUrl,
      token: issuer.tokenUrl,
      gatewayHealthToken: healthToken,
      registryTable: DEFAULT_REGISTRY_TABLE,
      deploymentsTable: DEFAULT_DEPLOYMENTS_TABLE,
      pid: process.pid,
      startedAt: new Date().toISOString(),
    };
    const ownsFile = options.writeEndpoints ?? true;
    if (ownsFile) await writeEndpointsFile(endpointsFile, endpoints);
    const running = gateway;
    const stop = async () => {
      if (ownsFile) await removeEndpointsFile(endpointsFile);
      await running.stop();
      await invoker.close();
      await cloud.stop();
    };
    return { cloud, gateway, modules, endpoints, endpointsFile, stop, [Symbol.asyncDispose]: stop };
  } catch (error) {
    await gateway?.stop();
    await invoker.close();
    await cloud.stop();
    throw error;
  }
}

async function provisionAll(
  buildDirectory: string,
  discovered: DiscoveredModule[],
  cloud: LocalCloud,
  log: (line: string) => void,
) {
  provisioningNow++;
  try {
    return await provisionEach(discovered, cloud, log, buildDirectory);
  } finally {
    provisioningNow--;
    // esbuild keeps one service process for later builds; dev builds once, so end it
    // now, unless another startDev in this process is still building: stopping kills
    // the service under its builds, which then never settle.
    if (provisioningNow === 0) await stopEsbuild();
  }
}

/** startDev calls still provisioning in this process (tests start two clouds at once). */
let provisioningNow = 0;

async function provisionEach(
  discovered: DiscoveredModule[],
  cloud: LocalCloud,
  log: (line: string) => void,
  buildDirectory: string,
) {
  return Promise.all(
    discovered.map(async (module) => {
      const done = await provisionModule({
        module,
        clients: cloud.clients,
        buildDirectory,
        role: LOCAL_ROLE,
        stageSettings: cloud.stageSettings,
      });
      const seeded = await seedModule(module, {
        documents: cloud.clients.documents,
        tables: done.tables,
      });
      log(
        `  ${done.name}: ${done.functionName}:${done.alias} -> version ${done.liveVersion}${seeded ? ', seed data loaded' : ''}`,
      );
      return done;
    }),
  );
}

/**
 * One after another, less critical first: each publish composes with the ones before.
 * Each module's schema and routes are recorded as what its live version serves.
 */
async function publishAll(
  discovered: DiscoveredModule[],
  provisioned: readonly ProvisionedModule[],
  cloud: LocalCloud,
): Promise<void> {
  const ordered = [...discovered].sort((a, b) => compareTiers(a.manifest.tier, b.manifest.tier));
  for (const { manifest } of ordered) {
    await publishModule({
      manifest,
      version: provisioned.find((m) => m.name === manifest.name)?.liveVersion,
      clients: cloud.clients,
      registryTable: DEFAULT_REGISTRY_TABLE,
    });
  }
}
