import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { onPackageImport } from './on-package-import.ts';
import type { PackageVendor } from './prebundle-packages.ts';

/**
 * An esbuild plugin that leaves each package import (`zod`, `@aws-sdk/client-dynamodb`)
 * an import, of the very file Node would load, by its absolute URL: the output then runs
 * from any folder on this machine, loading the packages from node_modules instead of
 * carrying them. Only for code that runs where it was built (`turnout dev`): a bundle
 * for Lambda carries its packages.
 *
 * With a vendor (`prebundlePackages`), an import the vendor has an entry for, resolving
 * to the same file the entry was built from, imports that entry instead: the packages
 * pre-bundled once, which Node loads as a few files instead of hundreds. Any other
 * import (a package added since, one the vendor could not expose) stays linked.
 *
 * @example
 * await build({ entryPoints: ['handler.ts'], bundle: true, plugins: [createLinkPackages(vendor)] });
 */
export function createLinkPackages(vendor?: PackageVendor): Plugin {
  return {
    name: 'link-packages',
    setup(build) {
      onPackageImport(build, (specifier, resolved) => {
        const entry = vendor?.entries[specifier];
        // A module with a node_modules of its own may resolve the name to another copy.
        const file = entry && entry.source === resolved ? entry.file : resolved;
        return { path: pathToFileURL(file).href, external: true };
      });
    },
  };
}

/** {@link createLinkPackages} without a vendor: every package import linked. */
export const linkPackages: Plugin = createLinkPackages();
