import { join } from 'node:path';
import type { BuildProvenance } from '../../contracts/deployment-record.ts';
import type { AwsClients } from '../../control-plane/aws/index.ts';
import {
  type BatchedBundle,
  buildModule,
  functionDescription,
  readBuildProvenance,
  versionDescription,
  zipBundle,
} from '../../control-plane/build/index.ts';
import { publishFunctionVersion } from '../../control-plane/build/publish-function-version.ts';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
import {
  functionName as functionNameOf,
  LIVE_ALIAS,
  queueUrlEnvName,
  resolveRuntimeEnvironment,
  tableEnvName,
  unitEnvironment,
} from '../../modules/kit/index.ts';
import { LOCAL_CODE_BUCKET } from '../lambda/index.ts';
import { ensureAlias } from './ensure-alias.ts';
import { ensureModuleQueues, type ProvisionedQueue } from './ensure-module-queues.ts';
import { ensureModuleTables } from './ensure-module-tables.ts';
import { ensureQueueConsumers, type QueueConsumer } from './ensure-queue-consumers.ts';

export interface ProvisionModuleOptions {
  module: DiscoveredModule;
  clients: Pick<AwsClients, 'lambda' | 'dynamo' | 'sqs'>;
  /** Where bundles are built, one folder per module. */
  buildDirectory: string;
  /** The function's execution role. */
  role: string;
  /**
   * The local stage's variables (`LocalCloud.stageSettings`), for the manifest's runtime
   * settings.
   * @default {}
   */
  stageSettings?: Record<string, string>;
  /**
   * The module's code when the caller built it already (`turnout dev` builds while the
   * local cloud starts, and keeps a cache); built and zipped here otherwise.
   */
  code?: ProvisionCode | Promise<ProvisionCode>;
  /**
   * What bundles the module when `code` is not given: a batch (`createBundleBatch`) builds
   * modules provisioned at once in one esbuild run. @default bundleLambda
   */
  bundle?: BatchedBundle;
}

/**
 * A module's built code: zipped, or a folder on this machine that the local Lambda reads
 * in place (`LOCAL_CODE_BUCKET`, through CreateFunction's and UpdateFunctionCode's own
 * S3Bucket and S3Key). The folder must not change while a version uses it: it is that
 * version's code.
 */
export type ProvisionCode = {
  bytes: number;
  /** What the code was made of: the published version's Description names it, as a deployment's does. */
  provenance?: BuildProvenance;
} & ({ zip: Uint8Array } | { directory: string });

export interface ProvisionedModule {
  name: string;
  functionName: string;
  alias: string;
  /** The version the `live` alias points at. */
  liveVersion: string;
  /** The version this call published (the same as liveVersion on a first provision). */
  publishedVersion: string;
  tables: Record<string, string>;
  queues: Record<string, ProvisionedQueue>;
  /** The event source mappings of the queues the module consumes, by logical name. */
  consumers: Record<string, QueueConsumer>;
  bundleBytes: number;
}

/**
 * Brings one module up from nothing: its tables and queues, its bundled code as a
 * published version, the `live` alias on it, and the alias's consumer mappings of its
 * queues. What exists already is kept. The function's environment is what its stack
 * gives it in AWS: its name, its tables and queues, its runtime settings.
 *
 * @throws RuntimeSettingError when the local stage provides no value for a declared setting
 */
export async function provisionModule(options: ProvisionModuleOptions): Promise<ProvisionedModule> {
  const { manifest, directory } = options.module;
  const { lambda, dynamo, sqs } = options.clients;
  const runtime = resolveRuntimeEnvironment(manifest, {
    name: 'local',
    settings: options.stageSettings ?? {},
  });
  const [tables, queues, code] = await Promise.all([
    ensureModuleTables(manifest, dynamo),
    ensureModuleQueues(manifest, sqs),
    options.code ??
      buildAndZip(directory, join(options.buildDirectory, manifest.name), manifest, options.bundle),
  ]);
  const functionName = functionNameOf(manifest.name);
  const { version } = await publishFunctionVersion(
    lambda,
    {
      functionName,
      handler: manifest.function.handler,
      timeoutSeconds: manifest.function.timeoutSeconds,
      memoryMB: manifest.function.memoryMB,
      environment: {
        ...runtime,
        ...unitEnvironment(manifest),
        ...resourceEnvironment(tables, queues),
      },
      role: options.role,
      description: functionDescription(manifest),
      ...(code.provenance ? { versionDescription: versionDescription(code.provenance) } : {}),
    },
    'zip' in code ? code.zip : { S3Bucket: LOCAL_CODE_BUCKET, S3Key: code.directory },
  );
  const alias = await ensureAlias(lambda, { functionName, alias: LIVE_ALIAS, version });
  const consumers = await ensureQueueConsumers(manifest, { lambda }, queues);
  return {
    name: manifest.name,
    functionName,
    alias: LIVE_ALIAS,
    liveVersion: alias.version,
    publishedVersion: version,
    tables,
    queues,
    consumers,
    bundleBytes: code.bytes,
  };
}

async function buildAndZip(
  directory: string,
  outputDirectory: string,
  manifest: DiscoveredModule['manifest'],
  batch: BatchedBundle | undefined,
): Promise<ProvisionCode> {
  const bundle = await buildModule({
    directory,
    outputDirectory,
    handler: manifest.function.handler,
    bundle: batch,
  });
  const zip = await zipBundle(bundle.directory);
  const provenance = await readBuildProvenance({ directory, inputs: bundle.inputs, zip });
  return { zip, bytes: bundle.bytes, provenance };
}

/** The variables through which the module kit finds the module's own resources. */
export function resourceEnvironment(
  tables: Record<string, string>,
  queues: Record<string, { url: string }>,
): Record<string, string> {
  return {
    ...Object.fromEntries(
      Object.entries(tables).map(([logical, name]) => [tableEnvName(logical), name]),
    ),
    ...Object.fromEntries(
      Object.entries(queues).map(([logical, q]) => [queueUrlEnvName(logical), q.url]),
    ),
  };
}
