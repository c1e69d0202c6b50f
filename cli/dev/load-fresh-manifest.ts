import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { linkPackages } from '../../control-plane/build/index.ts';
import type { ModuleManifest } from '../../modules/kit/index.ts';

/**
 * Loads a module's `module.ts` as it is on disk now. An ES module is imported once per
 * process, so `import()` would give a long-running `turnout dev` the manifest of its
 * start forever; tsx's `tsImport` reloads every dependency too (over a second and
 * 25 MB per call). Instead esbuild bundles the manifest and the project files it
 * imports (the kit) into one file, leaving packages as imports of the files already
 * loaded, and that file is imported under a new name. When the bundle is the same as
 * the one last imported for this folder (a save of a resolver, not of `module.ts` or
 * the kit), the manifest it gave is given again without importing it: the import
 * compiles the kit and builds its zod schemas afresh, 100-200 ms of a live edit.
 *
 * @throws the manifest's own error (a ManifestError names the field), or esbuild's
 * @example
 * const manifest = await loadFreshManifest('modules/titles', '.turnout/dev');
 */
export async function loadFreshManifest(
  moduleDirectory: string,
  scratchDirectory: string,
): Promise<ModuleManifest> {
  const result = await build({
    entryPoints: [join(moduleDirectory, 'module.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    plugins: [linkPackages],
  });
  const code = result.outputFiles[0]?.text ?? '';
  const last = lastLoaded.get(moduleDirectory);
  if (last?.code === code) return last.manifest;
  await mkdir(scratchDirectory, { recursive: true });
  const file = join(scratchDirectory, `manifest-${process.pid}-${++loads}.mjs`);
  await writeFile(file, code);
  try {
    const loaded = (await import(pathToFileURL(file).href)) as { default?: ModuleManifest };
    if (!loaded.default) {
      throw new Error(
        `${join(moduleDirectory, 'module.ts')} has no default export: end it with \`export default defineModule({...})\`.`,
      );
    }
    lastLoaded.set(moduleDirectory, { code, manifest: loaded.default });
    return loaded.default;
  } finally {
    await rm(file, { force: true });
  }
}

let loads = 0;

/** By module folder, the bundle last imported and the manifest it gave (only one that loaded). */
const lastLoaded = new Map<string, { code: string; manifest: ModuleManifest }>();
