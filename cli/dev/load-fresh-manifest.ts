import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
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
 * loaded, and that file is imported under a new name. While the files that bundle was
 * built from are as they were (a save of a resolver, not of `module.ts` or the kit),
 * the manifest it gave is given again without building; and when a rebuilt bundle is
 * the same, without importing it: the import compiles the kit and builds its zod
 * schemas afresh, 100-200 ms of a live edit, and the build competes with the edit's.
 *
 * @throws the manifest's own error (a ManifestError names the field), or esbuild's
 * @example
 * const manifest = await loadFreshManifest('modules/titles', '.turnout/dev');
 */
export async function loadFreshManifest(
  moduleDirectory: string,
  scratchDirectory: string,
): Promise<ModuleManifest> {
  const last = lastLoaded.get(moduleDirectory);
  // Read before the build: a file saved while esbuild reads it then differs next time.
  const before = await statFiles([
    ...(last?.inputs.keys() ?? [join(moduleDirectory, 'module.ts')]),
  ]);
  if (last && [...last.inputs].every(([file, seen]) => before.get(file) === seen)) {
    return last.manifest;
  }
  const result = await build({
    entryPoints: [join(moduleDirectory, 'module.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    metafile: true,
    plugins: [linkPackages],
  });
  const code = result.outputFiles[0]?.text ?? '';
  // A file read before the build is known as it was; one this build found first is not
  // known yet (`unknown` matches no stat), so the next load builds again.
  const inputs = new Map(
    Object.keys(result.metafile.inputs).map((f) => [
      resolve(f),
      before.get(resolve(f)) ?? 'unknown',
    ]),
  );
  if (last?.code === code) {
    lastLoaded.set(moduleDirectory, { ...last, inputs });
    return last.manifest;
  }
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
    lastLoaded.set(moduleDirectory, { code, inputs, manifest: loaded.default });
    return loaded.default;
  } finally {
    await rm(file, { force: true });
  }
}

let loads = 0;

/**
 * By module folder, the bundle last imported, the files it was built from as they were
 * then, and the manifest it gave (only one that loaded).
 */
const lastLoaded = new Map<
  string,
  { code: string; inputs: Map<string, string>; manifest: ModuleManifest }
>();

/** Each file's size and change times, or `missing`: a save changes them. */
async function statFiles(files: readonly string[]): Promise<Map<string, string>> {
  const stats = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => `${s.size}:${s.mtimeMs}:${s.ctimeMs}`,
        () => 'missing',
      ),
    ),
  );
  return new Map(files.map((file, i) => [file, stats[i] as string]));
}
