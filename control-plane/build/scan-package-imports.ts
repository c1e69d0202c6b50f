import { build } from 'esbuild';
import { onPackageImport } from './on-package-import.ts';

/**
 * Every package import (a bare specifier, not a Node builtin) in the entries' own code
 * and the local files it imports (the kit), each with the file it resolves to from the
 * first importer that names it: what a `linkPackages` build of those entries would
 * import from node_modules. Packages' own imports are not walked. An entry that does
 * not build names what was found before its error.
 *
 * @example
 * const found = await scanPackageImports(['modules/titles/handler.ts']);
 * found.get('zod'); // '/app/node_modules/zod/index.js'
 */
export async function scanPackageImports(entries: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  await build({
    entryPoints: [...entries],
    bundle: true,
    write: false,
    // Required for several entries, though nothing is written.
    outdir: 'scan',
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    plugins: [
      {
        name: 'scan-package-imports',
        setup(scan) {
          onPackageImport(scan, (specifier, file) => {
            if (!found.has(specifier)) found.set(specifier, file);
            return { path: specifier, external: true };
          });
        },
      },
    ],
  }).catch(() => undefined);
  return found;
}
