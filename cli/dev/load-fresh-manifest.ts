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
 * loaded, and that file is imported under a new name: a few tens of milliseconds.
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
    return loaded.default;
  } finally {
    await rm(file, { force: true });
  }
}

let loads = 0;
