import { basename, join } from 'node:path';
import {
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import {
  checkFolderName,
  checkUnitNames,
  type DiscoveredModule,
  locateSdl,
} from '../../control-plane/module-catalog/index.ts';
import type { LocalCloud } from '../../local-cloud/index.ts';
import {
  deployUnitManifests,
  describeModuleTable,
  type ModuleManifest,
} from '../../modules/kit/index.ts';
import { buildModuleCached, createFileHashes, projectBundleCache } from './build-module-cached.ts';
import { loadFreshManifest } from './load-fresh-manifest.ts';
import { provisionEach } from './provision-units.ts';
import { publishModules } from './publish-modules.ts';
import { deleteModuleFunctions } from './remove-module.ts';
import { sharedFilesOf } from './shared-files-of.ts';

export interface AddModuleContext {
  cloud: LocalCloud;
  registryTable: string;
  /** The project root: `.turnout/` (build cache, scratch) and `package-lock.json` are in it. */
  root: string;
  /** Where bundles are built, one folder per module. */
  buildDirectory: string;
  /** The manifests of the modules running now: a new one may not take a name of theirs. */
  running(): readonly Pick<ModuleManifest, 'name' | 'cells'>[];
  /** Makes the gateway load the newest generation now, not at its next poll. */
  refreshGateway(): Promise<unknown>;
  /** Where provisioning prints each unit's line, as the start does. */
  log: (line: string) => void;
}

export type ModuleAddOutcome =
  | {
      outcome: 'added';
      module: DiscoveredModule;
      /** Each deploy unit (the module, or each of its cells) and the version its `live` serves. */
      units: { unit: string; functionName: string; version: string; cell?: string }[];
      /** Functions whose environment did not start: their first invoke says why. */
      unwarmed: string[];
      /** The shared files its bundle carries (`sharedFilesOf`): a save of one is its edit. */
      sharedFiles: string[];
    }
  /** The error says why (the manifest's field, the build's file and line, the publish checks). */
  | { outcome: 'refused'; folder: string; error: unknown };

/**
 * Brings up a module whose folder appeared while `turnout dev` runs, as the start brings
 * up each module: its manifest read, its code bundled (with its packages, as a
 * deployment's is), its tables, queues, function and `live` alias made and its seed
 * loaded, its environments warmed, then published (composed with the modules running,
 * checked for conflicts) and the gateway told to load the generation. Its folder must
 * carry its name, the name no other unit's.
 *
 * A module refused at publish keeps its tables and queues, and its function is deleted
 * (nothing routes to it): the next save tries again, and making what exists is a no-op.
 * Local only: in AWS a new module gets its stack and `turnout deploy`.
 *
 * @example
 * const outcome = await addModule('modules/reviews', context);
 */
export async function addModule(
  directory: string,
  context: AddModuleContext,
): Promise<ModuleAddOutcome> {
  try {
    return await add(directory, context);
  } catch (error) {
    return { outcome: 'refused', folder: basename(directory), error };
  }
}

async function add(directory: string, context: AddModuleContext): Promise<ModuleAddOutcome> {
  const { cloud, root, buildDirectory } = context;
  const manifest = await loadFreshManifest(directory, join(root, '.turnout', 'dev'));
  checkFolderName(manifest, directory);
  checkUnitNames([...context.running(), manifest]);
  const sdl = manifest.graphql?.sdl;
  const sdlSource = sdl ? await locateSdl(directory, sdl) : undefined;
  const module: DiscoveredModule = { manifest, directory, ...(sdlSource ? { sdlSource } : {}) };
  const cache = { ...projectBundleCache(root), buildDirectory };
  const code = buildModuleCached(module, cache, createFileHashes());
  const warming: Promise<string | undefined>[] = [];
  const units = provisionEach([module], new Map([[manifest.name, code]]), {
    cloud,
    buildDirectory,
    log: context.log,
    warming: (warm) => warming.push(warm),
    // A module removed and brought back finds its data as it left it, not its seed again.
    seed: !(await tablesExist(cloud.clients.dynamo, manifest)),
  });
  // Nothing is left making resources behind a refusal: every unit settles first.
  const settled = await Promise.allSettled(units.values());
  const provisioned = settled.map((unit) => {
    if (unit.status === 'rejected') throw unit.reason;
    return unit.value;
  });
  const unwarmed = (await Promise.all(warming)).filter((name) => name !== undefined);
  try {
    await publishModules([module], units, cloud, context.registryTable);
  } catch (error) {
    // Nothing routes to a refused module: its environments would only hold memory.
    await deleteModuleFunctions(cloud.clients.lambda, manifest).catch(() => undefined);
    throw error;
  }
  await context.refreshGateway();
  return {
    outcome: 'added',
    module,
    units: provisioned.map((unit) => ({
      unit: unit.name,
      functionName: unit.functionName,
      version: unit.liveVersion,
      // A cell's unit is named `<module>-<cell>` (cellUnitName).
      ...(manifest.cells ? { cell: unit.name.slice(manifest.name.length + 1) } : {}),
    })),
    unwarmed,
    sharedFiles: sharedFilesOf(directory, await code),
  };
}

/** Whether every table of every deploy unit of the module exists (it ran here before). */
async function tablesExist(dynamo: DynamoDBClient, manifest: ModuleManifest): Promise<boolean> {
  const names = deployUnitManifests(manifest).flatMap((unit) =>
    Object.entries(unit.tables).map(
      ([logical, table]) => describeModuleTable(unit.name, logical, table).name,
    ),
  );
  if (names.length === 0) return false;
  const found = await Promise.all(
    names.map((TableName) =>
      dynamo.send(new DescribeTableCommand({ TableName })).then(
        () => true,
        (error: unknown) => {
          if (error instanceof ResourceNotFoundException) return false;
          throw error;
        },
      ),
    ),
  );
  return found.every(Boolean);
}
