import { isBuiltin } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

const RESOLVING = Symbol('resolving a package');

/**
 * An esbuild plugin that leaves each package import (`zod`, `@aws-sdk/client-dynamodb`)
 * an import, of the very file Node would load, by its absolute URL: the output then runs
 * from any folder on this machine, loading the packages from node_modules instead of
 * carrying them. Only for code that runs where it was built (`turnout dev`): a bundle
 * for Lambda carries its packages.
 */
export const linkPackages: Plugin = {
  name: 'link-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === RESOLVING) return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: RESOLVING,
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: pathToFileURL(found.path).href, external: true };
    });
  },
};
