import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { buildModule, readBuildProvenance, zipBundle } from '../../control-plane/build/index.ts';
import { pointAlias } from '../../control-plane/deploy/index.ts';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
import {
  recordModuleVersion,
  releaseModule,
  type SchemaChange,
} from '../../control-plane/publish/index.ts';
import type { LocalCloud } from '../../local-cloud/index.ts';
import { provisionModule } from '../../local-cloud/provision/index.ts';
import { LIVE_ALIAS } from '../../modules/kit/index.ts';
import { EditInitFailedError } from './errors.ts';
import { loadFreshManifest } from './load-fresh-manifest.ts';
import { LOCAL_ROLE } from './local-role.ts';
import { warmFunction } from './warm-functions.ts';

export interface ModuleEditTarget {
  /** The module as found at start: its name and folder stay; everything in it may change. */
  module: DiscoveredModule;
  cloud: Pick<LocalCloud, 'clients' | 'stageSettings'>;
  registryTable: string;
  /** `.turnout/`: bundles go to `build/`, the manifest's scratch copy to `dev/`. */
  turnoutDirectory: string;
  /** Makes the gateway load the newest generation now, not at its next poll. */
  refreshGateway(): Promise<unknown>;
}

export type ModuleEditOutcome =
  | {
      outcome: 'served';
      module: string;
      version: string;
      /** The version that served before. */
      previous: string;
      changes: SchemaChange[];
      /** What this edit built: the next one with the same is `unchanged`. */
      fingerprint: string;
      /** Where the time went, in ms: build, publish (the Lambda version), checks, warm (the rest of the new version's init), release. */
      steps: Record<string, number>;
    }
  | { outcome: 'unchanged'; module: string; fingerprint: string }
  /** The error says why (the build's file and line, the publish checks' problems). */
  | { outcome: 'refused'; module: string; error: unknown };

/**
 * Serves a module team's edit on the running local cloud, as a deployment would but
 * at once: the module's manifest read again, its code built with the one bundler, a new
 * Lambda version published, the publish checks run against what clients are served
 * now (composition, conflicts, breaking changes), then the `live` alias moved and a
 * generation written that names the version, and the gateway told to load it. Code
 * first, schema second, as a promotion does. Anything that fails before the alias
 * moves leaves the last good version serving; a generation that cannot be written
 * moves the alias back. Local only: in AWS a change goes through `turnout deploy`.
 *
 * @example
 * const outcome = await applyModuleEdit(target, lastFingerprint);
 */
export async function applyModuleEdit(
  target: ModuleEditTarget,
  lastFingerprint?: string,
): Promise<ModuleEditOutcome> {
  const name = target.module.manifest.name;
  try {
    return await apply(target, lastFingerprint);
  } catch (error) {
    return { outcome: 'refused', module: name, error };
  }
}

async function apply(
  target: ModuleEditTarget,
  lastFingerprint: string | undefined,
): Promise<ModuleEditOutcome> {
  const { directory, manifest: started } = target.module;
  const name = started.name;
  const steps: Record<string, number> = {};
  let last = performance.now();
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round(now - last);
    last = now;
  };
  const [manifest, code] = await Promise.all([
    loadFreshManifest(directory, join(target.turnoutDirectory, 'dev')),
    buildCode(directory, join(target.turnoutDirectory, 'build', name), started.function.handler),
  ]);
  if (manifest.name !== name) {
    throw new Error(
      `${join(directory, 'module.ts')} now names the module "${manifest.name}"; it started as "${name}". ` +
        'A module keeps its name while `turnout dev` runs: put the name back, or restart to rename it.',
    );
  }
  // The handler file may have changed with the manifest: build what it names now.
  const built =
    manifest.function.handler === started.function.handler
      ? code
      : await buildCode(
          directory,
          join(target.turnoutDirectory, 'build', name),
          manifest.function.handler,
        );
  step('build');
  const fingerprint = fingerprintOf(built.zip, manifest);
  if (fingerprint === lastFingerprint) return { outcome: 'unchanged', module: name, fingerprint };
  const { clients } = target.cloud;
  const provisioned = await provisionModule({
    module: { manifest, directory },
    clients,
    buildDirectory: join(target.turnoutDirectory, 'build'),
    role: LOCAL_ROLE,
    stageSettings: target.cloud.stageSettings,
    code: built,
  });
  const version = provisioned.publishedVersion;
  const previous = provisioned.liveVersion;
  step('publish');
  // The new version's environment starts and runs its init while the checks run, so the
  // first answer with the new code is not a cold start; a version whose init fails never
  // gets `live`.
  const functionName = provisioned.functionName;
  const warming = warmFunction(clients.lambda, { FunctionName: functionName, Qualifier: version });
  const registry = {
    clients: { documents: clients.documents },
    registryTable: target.registryTable,
  };
  const { changes } = await recordModuleVersion({ manifest, version, ...registry });
  step('checks');
  if (!(await warming)) throw new EditInitFailedError(functionName, version);
  step('warm');
  const alias = { functionName, alias: LIVE_ALIAS };
  await pointAlias(clients.lambda, alias, version);
  try {
    await releaseModule({ module: name, stable: version, ...registry });
  } catch (error) {
    await pointAlias(clients.lambda, alias, previous);
    throw error;
  }
  await target.refreshGateway();
  step('release');
  return { outcome: 'served', module: name, version, previous, changes, fingerprint, steps };
}

/**
 * The version of an edit runs only on this machine: its packages are loaded from
 * node_modules (`linkPackages`), so the build takes tens of milliseconds, not the
 * seconds bundling the AWS SDK again would. The start and `turnout deploy` bundle them.
 * Its provenance names the packages it loads (those it imports; theirs are not walked).
 */
async function buildCode(directory: string, outputDirectory: string, handler: string) {
  const bundle = await buildModule({ directory, outputDirectory, handler, linkPackages: true });
  const zip = await zipBundle(bundle.directory);
  const inputs = [...bundle.inputs, ...bundle.linked];
  const provenance = await readBuildProvenance({ directory, inputs, zip });
  return { zip, bytes: bundle.bytes, provenance };
}

/** The code and the manifest as built: an edit that changes neither (a test file) changes nothing. */
function fingerprintOf(zip: Uint8Array, manifest: unknown): string {
  return createHash('sha256').update(zip).update(JSON.stringify(manifest)).digest('hex');
}
