import { existsSync, mkdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { buildSync } from 'esbuild';
import { BUNDLE_TARGET } from './lambda-runtime.ts';

export interface BundleHandlerArgs {
  /**
   * The TypeScript entry.
   * @example 'modules/ratings/handler.ts'
   */
  entry: string;
  /**
   * Where the bundle is written (git-ignored).
   * @example '.sst/turnout/turnout-ratings'
   */
  outDir: string;
}

/**
 * Bundles a handler into one ES module (`<entry name>.mjs`, with its source map) and
 * returns it as the function's code. A handler `handler.handler` stays `handler.handler`.
 *
 * @example
 * bundleHandler({ entry: 'modules/ratings/handler.ts', outDir: '.sst/turnout/turnout-ratings' });
 */
export function bundleHandler(args: BundleHandlerArgs): pulumi.asset.FileArchive {
  if (!existsSync(args.entry)) {
    throw new TypeError(
      `The handler ${args.entry} does not exist. Create it, or point the manifest's function.handler ('<file>.<export>') at the file that exports the handler.`,
    );
  }
  mkdirSync(args.outDir, { recursive: true });
  const name = basename(args.entry, extname(args.entry));
  buildSync({
    entryPoints: [args.entry],
    outfile: join(args.outDir, `${name}.mjs`),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    sourcemap: true,
    minify: true,
    // Some dependencies still call require(); give ESM output one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return new pulumi.asset.FileArchive(args.outDir);
}
