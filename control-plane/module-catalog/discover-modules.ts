import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import { checkFolderName } from './check-folder-name.ts';
import { checkUnitNames } from './check-unit-names.ts';
import { ModuleNotFoundError } from './errors.ts';
import { locateSdl, type SdlSource } from './locate-sdl.ts';

/** A module found on disk: its manifest and where its code lives. */
export interface DiscoveredModule {
  manifest: ModuleManifest;
  directory: string;
  /** Where its graphlet SDL is written, for errors that point at the line to edit. */
  sdlSource?: SdlSource;
}

/** Folders under modules/ that hold shared code rather than a module. */
const NOT_MODULES = new Set(['kit']);

/**
 * Finds every `modules/<name>/module.ts` and loads its manifest (the default export).
 * A manifest that fails validation throws its ManifestError as is: it already names
 * the field and the fix. Two units by one name (a cell named as another module or
 * cell) throw a UnitNameCollisionError.
 */
export async function discoverModules(modulesDirectory: string): Promise<DiscoveredModule[]> {
  const entries = await readdir(modulesDirectory, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && !NOT_MODULES.has(e.name) && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const found = await Promise.all(names.map((name) => loadModuleIfPresent(modulesDirectory, name)));
  const modules = found.filter((m): m is DiscoveredModule => m !== undefined);
  checkUnitNames(modules.map((m) => m.manifest));
  return modules;
}

/**
 * Loads one module by name; a clear error if there is no such module. Like any ES
 * module, a manifest is imported once per process: a long-lived process sees later
 * edits only after a restart (each `turnout` command is its own process).
 */
export async function loadModule(
  modulesDirectory: string,
  name: string,
): Promise<DiscoveredModule> {
  const module = await loadModuleIfPresent(modulesDirectory, name);
  if (module) {
    // Another module's manifest is not loaded for this one; its folder names it.
    checkUnitNames([module.manifest, ...(await otherFolders(modulesDirectory, name))]);
    return module;
  }
  const known = (await discoverModules(modulesDirectory)).map((m) => m.manifest.name);
  throw new ModuleNotFoundError(name, known);
}

/** The other modules, as far as their folder names tell (a module's folder is its name). */
async function otherFolders(modulesDirectory: string, name: string): Promise<{ name: string }[]> {
  const entries = await readdir(modulesDirectory, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && e.name !== name && !NOT_MODULES.has(e.name))
    .map((e) => ({ name: e.name }));
}

async function loadModuleIfPresent(
  modulesDirectory: string,
  name: string,
): Promise<DiscoveredModule | undefined> {
  const directory = resolve(modulesDirectory, name);
  const manifestFile = join(directory, 'module.ts');
  const files = await readdir(directory).catch(() => [] as string[]);
  if (!files.includes('module.ts')) return undefined;
  const loaded = (await import(pathToFileURL(manifestFile).href)) as { default?: ModuleManifest };
  if (!loaded.default) {
    throw new Error(
      `${manifestFile} has no default export: end it with \`export default defineModule({...})\`.`,
    );
  }
  checkFolderName(loaded.default, directory);
  const sdl = loaded.default.graphql?.sdl;
  const sdlSource = sdl ? await locateSdl(directory, sdl) : undefined;
  return { manifest: loaded.default, directory, ...(sdlSource ? { sdlSource } : {}) };
}
