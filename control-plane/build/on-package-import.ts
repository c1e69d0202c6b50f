import { isBuiltin } from 'node:module';
import type { OnResolveResult, PluginBuild } from 'esbuild';

const RESOLVING = Symbol('resolving a package');

/**
 * Hooks an esbuild plugin into every package import (a bare specifier: `zod`,
 * `@aws-sdk/lib-dynamodb`, `graphql/language/parser.js`): `handle` gets the specifier
 * and the file esbuild resolves it to from the importer, and says what becomes of it.
 * Node builtins stay external imports; an import that does not resolve fails the build
 * with esbuild's own error.
 *
 * @example
 * onPackageImport(build, (specifier, file) => ({ path: pathToFileURL(file).href, external: true }));
 */
export function onPackageImport(
  build: PluginBuild,
  handle: (specifier: string, file: string) => OnResolveResult,
): void {
  build.onResolve({ filter: /^[^./]/ }, async (args) => {
    if (args.pluginData === RESOLVING) return undefined;
    if (isBuiltin(args.path)) return { path: args.path, external: true };
    const found = await build.resolve(args.path, {
      kind: args.kind,
      resolveDir: args.resolveDir,
      pluginData: RESOLVING,
    });
    if (found.errors.length > 0) return { errors: found.errors };
    return handle(args.path, found.path);
  });
}
