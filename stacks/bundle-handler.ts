import { existsSync } from 'node:fs';
import * as pulumi from '@pulumi/pulumi';
import { bundleLambda } from '../control-plane/build/index.ts';

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
 * The function's code: the entry bundled by the control plane's `bundleLambda`, the
 * bundler of every version the pipeline publishes, so a function's first version (the
 * stack's) is built exactly as its later ones. A handler `handler.handler` stays
 * `handler.handler`. A promise: Pulumi waits for it before it sends the code.
 *
 * @example
 * bundleHandler({ entry: 'modules/ratings/handler.ts', outDir: '.sst/turnout/turnout-ratings' });
 */
export function bundleHandler(args: BundleHandlerArgs): Promise<pulumi.asset.Archive> {
  // At once, not inside the promise: a missing file stops the stack before it declares anything.
  if (!existsSync(args.entry)) {
    throw new TypeError(
      `The handler ${args.entry} does not exist. Create it, or point the manifest's function.handler ('<file>.<export>') at the file that exports the handler.`,
    );
  }
  return bundleLambda({ entry: args.entry, outputDirectory: args.outDir }).then(
    (bundle) => new pulumi.asset.FileArchive(bundle.directory),
  );
}
