import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { stop as stopEsbuild } from 'esbuild';
import { createBundleBatch, readGitCommits } from '../../control-plane/build/index.ts';
import {
  DEFAULT_DEPLOYMENTS_TABLE,
  ensureDeploymentsTable,
} from '../../control-plane/deploy/index.ts';
import {
  type DiscoveredModule,
  deployUnitsOf,
  discoverModules,
} from '../../control-plane/module-catalog/index.ts';
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
import type { ProvisionedModule } from '../../local-cloud/provision/index.ts';
import {
  buildModuleCached,
  createFileHashes,
  type ModuleCode,
  projectBundleCache,
} from './build-module-cached.ts';
import { checkGatewayPort } from './check-gateway-port.ts';
import { describeError } from './describe-error.ts';
import { type DevEndpoints, removeEndpointsFile, writeEndpointsFile } from './endpoints-file.ts';
import { ModuleBuildError } from './errors.ts';
import { provisionEach } from './provision-units.ts';
import { publishModules } from './publish-modules.ts';
import { sharedFilesOf } from './shared-files-of.ts';
import { createStartTimings, type StartTimings } from './start-timings.ts';
import { type FirstRequestTarget, warmFirstRequests } from './warm-first-requests.ts';

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
  /** The modules as found at start: their manifests and folders. */
  discovered: DiscoveredModule[];
  /**
   * By module name, the files outside its folder whose code its bundle carries (the kit,
   * contracts, lib; never packages): a save of one is an edit of each module carrying it.
   */
  sharedFiles: ReadonlyMap<string, readonly string[]>;
  /** Where the start's time went. */
  timings: StartTimings;
  /** Where modules are built, one folder per module. */
  buildDirectory: string;
  stop(): Promise<void>;
}

/**
 * Brings the whole system up on this machine: the local cloud, every module in
 * modules/ as version 1 behind its `live` alias and published to the registry, the
 * gateway, and the endpoints file.
 */
export async function startDev(options: StartDevOptions): Promise<DevEnvironment> {
  const log = options.log ?? (() => {});
  const timings = createStartTimings();
  const endpointsFile = join(options.root, '.turnout', 'endpoints.json');
  // Before anything starts: a taken port used to fail only after a whole start.
  await checkGatewayPort({ port: options.port ?? 4000, endpointsFile });
  const discovered = await timings.phase('manifests', () =>
    discoverModules(join(options.root, 'modules')),
  );
  // The cache is read while the local cloud starts; what it misses is built once the
  // cloud is up (buildModuleCached's buildAfter says why).
  let cloudStarted = () => {};
  const buildDirectory = options.buildDirectory ?? join(options.root, '.turnout', 'build');
  const code = buildAll(
    options.root,
    buildDirectory,
    discovered,
    timings,
    new Promise<void>((done) => {
      cloudStarted = done;
    }),
  );
  const cloud = await timings
    .phase('local cloud', () => startLocalCloud({ region: options.region }))
    .finally(cloudStarted)
    .catch(async (error) => {
      await Promise.allSettled(code.values());
      throw error;
    });
  const invoker = createLambdaInvoker({
    region: cloud.region,
    endpoint: cloud.endpoints.lambda,
    credentials: LOCAL_CREDENTIALS,
  });
  let gateway: GatewayServer | undefined;
  const issuer = options.issuer ?? cloud.issuer;
  try {
    const registryTables = Promise.all([
      ensureRegistryTable(cloud.clients.dynamo, DEFAULT_REGISTRY_TABLE),
      ensureDeploymentsTable(cloud.clients.dynamo, DEFAULT_DEPLOYMENTS_TABLE),
    ]);
    const warming: Promise<string | undefined>[] = [];
    const units = provisionEach(discovered, code, {
      cloud,
      buildDirectory,
      log,
      warming: (warm) => warming.push(warm),
    });
    // Each module is published as soon as its units are up, while the others still are.
    const [modules] = await settleBoth(
      timings.phase('provision and seed', () => Promise.all(units.values())),
      timings.phase('publish', () =>
        registryTables.then(() => publishModules(discovered, units, cloud, DEFAULT_REGISTRY_TABLE)),
      ),
    );
    // Never rejects (warmFunction says why); the gateway starts while the inits finish.
    const warmed = timings.phase('warm', () => Promise.all(warming));
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
    const unwarmed = await warmed;
    for (const name of unwarmed) if (name) log(`  ${name}: not warmed, its first invoke says why`);
    // Each warmed function's first request, through the gateway's own invoker, so the
    // first query after "Turnout is running" pays no first SDK call (warmFirstRequests).
    const notWarmed = await timings.phase('first requests', () =>
      warmFirstRequests(invoker.invoke, firstRequestTargets(discovered, modules, unwarmed)),
    );
    for (const line of notWarmed) log(`  ${line}; its first query will be slower`);
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
    const sharedFiles = await sharedFilesByModule(discovered, code);
    const ownsFile = options.writeEndpoints ?? true;
    if (ownsFile) await writeEndpointsFile(endpointsFile, endpoints);
    const running = gateway;
    const stop = async () => {
      if (ownsFile) await removeEndpointsFile(endpointsFile);
      await running.stop();
      await invoker.close();
      await cloud.stop();
    };
    return {
      cloud,
      gateway,
      modules,
      endpoints,
      endpointsFile,
      discovered,
      sharedFiles,
      timings,
      buildDirectory,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await gateway?.stop();
    await invoker.close();
    await cloud.stop();
    throw error;
  }
}

/**
 * Every module's code, built or from `.turnout/build-cache` (`buildModuleCached`), by
 * module name. Each promise is settled before any fails the start: no build is left
 * writing into .turnout/ behind it.
 */
function buildAll(
  root: string,
  buildDirectory: string,
  discovered: DiscoveredModule[],
  timings: StartTimings,
  buildAfter: Promise<unknown>,
): Map<string, Promise<ModuleCode>> {
  // One git read for every module's commit, not two git processes per module.
  const commits = readGitCommits(discovered.map((m) => m.directory));
  const cache = {
    buildAfter,
    readCommit: async (directory: string) => (await commits).get(directory),
    // The misses, each found after its own reads, built in one esbuild run.
    bundle: createBundleBatch(),
    ...projectBundleCache(root),
    buildDirectory,
  };
  const hashes = createFileHashes();
  const code = new Map(
    discovered.map((m) => {
      const built = buildModuleCached(m, cache, hashes).catch(async (error: unknown) => {
        throw new ModuleBuildError(m.manifest.name, await describeError(error), { cause: error });
      });
      return [m.manifest.name, built] as const;
    }),
  );
  const all = [...code.values()];
  buildingNow++;
  timings
    .phase('module builds', () => Promise.all(all))
    .then(
      (built) => {
        const cached = built.filter((b) => b.cached).length;
        timings.note('module builds', `${cached} of ${built.length} from the cache`);
      },
      () => {},
    );
  // esbuild keeps one service process for later builds; end it once every build has
  // settled (a live edit starts it again), unless another startDev in this process is
  // still building. Stopping it kills the builds still running, which then never settle:
  // a start whose one module failed to build waited on the others for ever.
  void Promise.allSettled(all).then(async () => {
    buildingNow--;
    if (buildingNow === 0) await stopEsbuild();
  });
  return code;
}

/** startDev calls still building in this process (tests start two clouds at once). */
let buildingNow = 0;

/** Every unit whose environment warmed, with its manifest's smoke checks: a cell has its module's. */
function firstRequestTargets(
  discovered: DiscoveredModule[],
  provisioned: readonly ProvisionedModule[],
  unwarmed: readonly (string | undefined)[],
): FirstRequestTarget[] {
  const functions = new Map(provisioned.map((unit) => [unit.name, unit.functionName]));
  return discovered
    .flatMap((module) => deployUnitsOf(module))
    .flatMap(({ manifest }) => {
      const functionName = functions.get(manifest.name);
      if (!functionName || unwarmed.includes(functionName)) return [];
      const cell = manifest.cellOf?.cell;
      return [
        {
          module: manifest.cellOf?.module ?? manifest.name,
          functionName,
          ...(cell ? { cell } : {}),
          smokeChecks: manifest.smokeChecks ?? [],
        },
      ];
    });
}

/** Each module's shared files (`sharedFilesOf`), by module name. */
async function sharedFilesByModule(
  discovered: DiscoveredModule[],
  code: ReadonlyMap<string, Promise<ModuleCode>>,
): Promise<Map<string, string[]>> {
  const shared = new Map<string, string[]>();
  for (const { manifest, directory } of discovered) {
    const built = await code.get(manifest.name);
    shared.set(manifest.name, built ? sharedFilesOf(directory, built) : []);
  }
  return shared;
}

/** Both results once both settled (nothing left running behind a failure), or the first error. */
async function settleBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}
