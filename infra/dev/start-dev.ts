import { join } from 'node:path';
import { stop as stopEsbuild } from 'esbuild';
import { type LocalCloud, startLocalCloud } from '../local/index.ts';
import { discoverModules } from '../modules/index.ts';
import { type ProvisionedModule, provisionModule } from '../provision/index.ts';
import { DEFAULT_REGISTRY_TABLE } from '../registry/registry-contract.ts';
import { type DevEndpoints, removeEndpointsFile, writeEndpointsFile } from './endpoints-file.ts';

export interface StartDevOptions {
  /** The project root, holding modules/ and .turnout/. */
  root: string;
  /** The gateway's port. @default 4000 */
  port?: number;
  region?: string;
  log?: (line: string) => void;
}

export interface DevEnvironment extends AsyncDisposable {
  cloud: LocalCloud;
  modules: ProvisionedModule[];
  endpoints: DevEndpoints;
  endpointsFile: string;
  stop(): Promise<void>;
}

/** The role ARN functions get locally; the stacks make a real one per module in AWS. */
const LOCAL_ROLE = 'arn:aws:iam::000000000000:role/turnout-local';

/**
 * Brings the whole system up on this machine: the local cloud, every module in
 * modules/ as version 1 behind its `live` alias, and the endpoints file.
 */
export async function startDev(options: StartDevOptions): Promise<DevEnvironment> {
  const log = options.log ?? (() => {});
  const cloud = await startLocalCloud({ region: options.region });
  try {
    const modules = await provisionAll(options.root, cloud, log);
    const endpointsFile = join(options.root, '.turnout', 'endpoints.json');
    const endpoints: DevEndpoints = {
      region: cloud.region,
      ...cloud.endpoints,
      registryTable: DEFAULT_REGISTRY_TABLE,
      pid: process.pid,
      startedAt: new Date().toISOString(),
    };
    await writeEndpointsFile(endpointsFile, endpoints);
    const stop = async () => {
      await removeEndpointsFile(endpointsFile);
      await cloud.stop();
    };
    return { cloud, modules, endpoints, endpointsFile, stop, [Symbol.asyncDispose]: stop };
  } catch (error) {
    await cloud.stop();
    throw error;
  }
}

async function provisionAll(root: string, cloud: LocalCloud, log: (line: string) => void) {
  const discovered = await discoverModules(join(root, 'modules'));
  const buildDirectory = join(root, '.turnout', 'build');
  return Promise.all(
    discovered.map(async (module) => {
      const provisioned = await provisionModule({
        module,
        clients: cloud.clients,
        buildDirectory,
        role: LOCAL_ROLE,
      });
      log(
        `  ${provisioned.name}: ${provisioned.functionName}:${provisioned.alias} -> version ${provisioned.liveVersion}`,
      );
      return provisioned;
    }),
  );
}
