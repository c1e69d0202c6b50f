import type { ModuleManifest } from '../modules/kit/index.ts';

/**
 * Loads `modules/<name>/module.ts` for each name; its default export is the manifest.
 * The import path keeps a literal prefix so esbuild (which bundles sst.config.ts) can
 * include every module.ts, and vitest and tsx resolve it the same way.
 *
 * @example
 * const [ratings] = await loadModuleManifests(['ratings']);
 */
export async function loadModuleManifests(names: readonly string[]): Promise<ModuleManifest[]> {
  return Promise.all(
    names.map(async (name) => {
      const loaded = (await import(`../modules/${name}/module.ts`)) as {
        default?: ModuleManifest;
      };
      if (!loaded.default) {
        throw new TypeError(
          `modules/${name}/module.ts has no default export. End it with \`export default defineModule({ ... })\`.`,
        );
      }
      return loaded.default;
    }),
  );
}
