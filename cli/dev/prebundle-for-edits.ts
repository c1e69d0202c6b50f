import { relative } from 'node:path';
import {
  moduleEntryOf,
  type PackageVendor,
  prebundlePackages,
} from '../../control-plane/build/index.ts';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
import { projectBundleCache } from './build-module-cached.ts';

export interface EditVendor {
  /** The vendor once it is ready; undefined before (or when it could not be made). */
  current(): PackageVendor | undefined;
  /** Settles when the vendor is ready or failed: nothing is left writing into .turnout/. */
  settled: Promise<void>;
}

/**
 * Pre-bundles the packages the modules import for `turnout dev`'s live edits
 * (`prebundlePackages`, into `.turnout/build-cache/vendor-<hash>/`), in the background
 * once Turnout is running: the start does not wait for it, and an edit saved before it
 * is ready loads its packages from node_modules as before. Reused across starts while
 * the lockfile and the modules' package imports are the same. Prints one line when it
 * is ready, or why there is none (edits then keep loading from node_modules).
 *
 * @example
 * const vendor = prebundleForEdits(dev.discovered, { root, log: console.log });
 */
export function prebundleForEdits(
  modules: readonly DiscoveredModule[],
  options: { root: string; log: (line: string) => void },
): EditVendor {
  let vendor: PackageVendor | undefined;
  const started = performance.now();
  const settled = prebundlePackages({
    entries: modules.map((m) => moduleEntryOf(m.directory, m.manifest.function.handler)),
    ...projectBundleCache(options.root),
    root: options.root,
  }).then(
    (made) => {
      vendor = made;
      const count = Object.keys(made.entries).length;
      const how = made.reused ? 'reused' : `built in ${Math.round(performance.now() - started)} ms`;
      options.log(
        `  live edits load ${count} package imports pre-bundled in ${relative(options.root, made.directory)} (${how})`,
      );
    },
    (error: unknown) => {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      options.log(
        `  live edits load their packages from node_modules: pre-bundling them failed (${reason})`,
      );
    },
  );
  return { current: () => vendor, settled };
}
