import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  buildModule,
  type PackageVendor,
  readBuildProvenance,
  readGitCommit,
  zipBundle,
} from '../../control-plane/build/index.ts';
import { pointAlias } from '../../control-plane/deploy/index.ts';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
import {
  recordModuleVersion,
  releaseModule,
  type SchemaChange,
} from '../../control-plane/publish/index.ts';
import type { LocalCloud } from '../../local-cloud/index.ts';
import { provisionModule } from '../../local-cloud/provision/index.ts';
import {
  deployUnitManifests,
  LIVE_ALIAS,
  type ModuleManifest,
  type SmokeCheck,
} from '../../modules/kit/index.ts';
import { EditInitFailedError } from './errors.ts';
import { loadFreshManifest } from './load-fresh-manifest.ts';
import { LOCAL_ROLE } from './local-role.ts';
import { unwarmFunction, warmFunction } from './warm-functions.ts';

export interface ModuleEditTarget {
  /** The module as found at start: its name and folder stay; everything in it may change. */
  module: DiscoveredModule;
  cloud: Pick<LocalCloud, 'clients' | 'stageSettings'>;
  registryTable: string;
  /** `.turnout/`: bundles go to `build/`, the manifest's scratch copy to `dev/`. */
  turnoutDirectory: string;
  /** Makes the gateway load the newest generation now, not at its next poll. */
  refreshGateway(): Promise<unknown>;
  /**
   * The packages pre-bundled for edits (`prebundlePackages`), once they are ready: an
   * edit before that (or without one) loads every package from node_modules.
   */
  vendor?: () => PackageVendor | undefined;
}

/** One deploy unit an edit served: the module itself, or one of its cells (`gatepass-cell-2`). */
export interface ServedUnit {
  unit: string;
  functionName: string;
  /** The cell, when the unit is one. */
  cell?: string;
  version: string;
  /** The version that served before. */
  previous: string;
}

export type ModuleEditOutcome =
  | {
      outcome: 'served';
      module: string;
      /** The module's one unit, or each of its cells in the manifest's order. */
      units: ServedUnit[];
      changes: SchemaChange[];
      /** What this edit built: the next one with the same is `unchanged`. */
      fingerprint: string;
      /** Where the time went, in ms (summed over the cells): build, publish (the Lambda versions), checks, warm (the rest of the new versions' inits), release. */
      steps: Record<string, number>;
      /** The smoke checks of the manifest as saved. */
      smokeChecks: readonly SmokeCheck[];
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
 * first, schema second, as a promotion does. A cellular module's edit goes to each of
 * its cells' functions, in the manifest's order: every cell's version is published,
 * warmed and checked before any cell's `live` moves, and a release that fails moves
 * every cell already released back, so no cell is left half-way. Anything that fails
 * before the aliases move leaves the last good versions serving. Local only: in AWS a
 * change goes through `turnout deploy`.
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

/** A unit's new version, published, warmed and checked, not yet serving. */
interface StagedUnit extends ServedUnit {
  functionName: string;
  changes: SchemaChange[];
}

type StepClock = (name: string) => void;

async function apply(
  target: ModuleEditTarget,
  lastFingerprint: string | undefined,
): Promise<ModuleEditOutcome> {
  const { directory, manifest: started } = target.module;
  const name = started.name;
  const steps: Record<string, number> = {};
  let last = performance.now();
  const step: StepClock = (name) => {
    const now = performance.now();
    steps[name] = (steps[name] ?? 0) + Math.round(now - last);
    last = now;
  };
  const vendor = target.vendor?.();
  const output = join(target.turnoutDirectory, 'build', name);
  const [manifest, code] = await Promise.all([
    loadFreshManifest(directory, join(target.turnoutDirectory, 'dev')),
    buildCode(directory, output, started.function.handler, vendor),
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
      : await buildCode(directory, output, manifest.function.handler, vendor);
  step('build');
  const fingerprint = fingerprintOf(built.zip, manifest);
  if (fingerprint === lastFingerprint) return { outcome: 'unchanged', module: name, fingerprint };
  // One after another, in the cells' deployment order: the cells run the same bundle.
  const staged: StagedUnit[] = [];
  const { lambda } = target.cloud.clients;
  const unwarm = (versionOf: (unit: StagedUnit) => string) =>
    Promise.all(
      staged.map((u) =>
        unwarmFunction(lambda, { FunctionName: u.functionName, Qualifier: versionOf(u) }),
      ),
    );
  try {
    for (const unit of deployUnitManifests(manifest))
      staged.push(await stageUnit(target, unit, built, step));
    await releaseUnits(target, staged);
  } catch (error) {
    await unwarm((u) => u.version);
    throw error;
  }
  await target.refreshGateway();
  step('release');
  // The versions `live` left: their environments go (the local Lambda retires a version
  // no alias routes to and nothing provisions), or each edit would leave a pool running.
  // After the gateway's refresh: nothing routes to them any more, and the edit is served.
  await unwarm((u) => u.previous);
  const units = staged.map(({ unit, functionName, cell, version, previous }) => ({
    unit,
    functionName,
    ...(cell ? { cell } : {}),
    version,
    previous,
  }));
  const changes = staged[0]?.changes ?? [];
  const smokeChecks = manifest.smokeChecks ?? [];
  return { outcome: 'served', module: name, units, changes, fingerprint, steps, smokeChecks };
}

/**
 * Publishes one unit's new version and checks it, while its environment runs its init,
 * so the first answer with the new code is not a cold start; a version whose init fails
 * never gets `live`. Nothing serves it yet.
 */
async function stageUnit(
  target: ModuleEditTarget,
  manifest: ModuleManifest,
  code: { zip: Uint8Array; bytes: number },
  step: StepClock,
): Promise<StagedUnit> {
  const { clients } = target.cloud;
  const provisioned = await provisionModule({
    module: { manifest, directory: target.module.directory },
    clients,
    buildDirectory: join(target.turnoutDirectory, 'build'),
    role: LOCAL_ROLE,
    stageSettings: target.cloud.stageSettings,
    code,
  });
  const { functionName, publishedVersion: version, liveVersion: previous } = provisioned;
  step('publish');
  const warmed = { FunctionName: functionName, Qualifier: version };
  const warming = warmFunction(clients.lambda, warmed, { lastPollMs: 25 });
  let changes: SchemaChange[];
  try {
    ({ changes } = await recordModuleVersion({
      manifest,
      version,
      clients: { documents: clients.documents },
      registryTable: target.registryTable,
    }));
    step('checks');
    if (!(await warming)) throw new EditInitFailedError(functionName, version);
  } catch (error) {
    // Refused: the version never serves, so its environment goes now.
    await warming;
    await unwarmFunction(clients.lambda, warmed);
    throw error;
  }
  step('warm');
  const cell = manifest.cellOf?.cell;
  return {
    unit: manifest.name,
    ...(cell ? { cell } : {}),
    version,
    previous,
    functionName,
    changes,
  };
}

/**
 * Moves each unit's `live` to its new version and writes the generation that names it,
 * in order. When one fails, every unit moved so far goes back to the version it served
 * (its generation first, then its alias: schema out before code, the reverse of a
 * release), so the module serves its last good code everywhere.
 */
async function releaseUnits(target: ModuleEditTarget, staged: StagedUnit[]): Promise<void> {
  const { lambda, documents } = target.cloud.clients;
  const registry = { clients: { documents }, registryTable: target.registryTable };
  const alias = (unit: StagedUnit) => ({ functionName: unit.functionName, alias: LIVE_ALIAS });
  const moved: { unit: StagedUnit; released: boolean }[] = [];
  try {
    for (const unit of staged) {
      const move = { unit, released: false };
      await pointAlias(lambda, alias(unit), unit.version);
      moved.push(move);
      await releaseModule({ module: unit.unit, stable: unit.version, ...registry });
      move.released = true;
    }
  } catch (error) {
    for (const { unit, released } of moved.reverse()) {
      if (released) await releaseModule({ module: unit.unit, stable: unit.previous, ...registry });
      await pointAlias(lambda, alias(unit), unit.previous);
    }
    throw error;
  }
}

/**
 * The version of an edit runs only on this machine: its packages are not bundled again
 * (`linkPackages`), so the build takes tens of milliseconds, not the seconds bundling
 * the AWS SDK again would. Each is loaded from the vendor, pre-bundled once per
 * lockfile, when it has the package, else from node_modules. The start and `turnout
 * deploy` bundle them. Its provenance names the packages it loads: those it links
 * (theirs are not walked) and every package in the vendor entries it imports.
 */
async function buildCode(
  directory: string,
  outputDirectory: string,
  handler: string,
  vendor: PackageVendor | undefined,
) {
  // Read while it builds: two git processes, on the path of every edit.
  const commit = readGitCommit(directory);
  const bundle = await buildModule({
    directory,
    outputDirectory,
    handler,
    linkPackages: true,
    vendor,
  });
  const zip = await zipBundle(bundle.directory);
  const inputs = [...bundle.inputs, ...bundle.linked];
  const provenance = await readBuildProvenance({ directory, inputs, zip, commit });
  const vendored = bundle.vendored.flatMap(
    (specifier) => vendor?.entries[specifier]?.packages ?? [],
  );
  const dependencies = [...new Set([...provenance.dependencies, ...vendored])].sort();
  return { zip, bytes: bundle.bytes, provenance: { ...provenance, dependencies } };
}

/** The code and the manifest as built: an edit that changes neither (a test file) changes nothing. */
function fingerprintOf(zip: Uint8Array, manifest: unknown): string {
  return createHash('sha256').update(zip).update(JSON.stringify(manifest)).digest('hex');
}
