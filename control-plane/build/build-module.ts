import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleLambda, type LambdaBundle } from './bundle-lambda.ts';
import type { BatchedBundle } from './create-bundle-batch.ts';
import type { PackageVendor } from './prebundle-packages.ts';

export interface BuildModuleOptions {
  /** The module's folder, holding its entry beside `module.ts`. */
  directory: string;
  /** Where the bundle goes; emptied first. */
  outputDirectory: string;
  /**
   * The manifest's `function.handler`, `<file>.<export>`: the entry is `<file>.ts`.
   * @default 'handler.handler'
   */
  handler?: string;
  /** @default true */
  minify?: boolean;
  /** See `BundleLambdaOptions.linkPackages`: only for versions that run on this machine. @default false */
  linkPackages?: boolean;
  /** See `BundleLambdaOptions.vendor`. */
  vendor?: PackageVendor;
  /** What bundles the entry: one esbuild run with others (`createBundleBatch`). @default bundleLambda */
  bundle?: BatchedBundle;
}

export type ModuleBundle = LambdaBundle;

/**
 * Bundles a module's entry (`handler.ts` unless its manifest names another) with
 * `bundleLambda`, the bundler the stacks use for a function's first version too.
 *
 * @example
 * await buildModule({ directory: 'modules/ratings', outputDirectory: '.turnout/build/ratings' });
 */
export async function buildModule(options: BuildModuleOptions): Promise<ModuleBundle> {
  const entry = moduleEntryOf(options.directory, options.handler);
  await access(entry).catch(() => {
    throw new Error(
      `${entry} is missing: a module's Lambda entry is the file its manifest's function.handler names ('<file>.<export>', default handler.ts) beside its module.ts.`,
    );
  });
  return (options.bundle ?? bundleLambda)({
    entry,
    outputDirectory: options.outputDirectory,
    minify: options.minify,
    linkPackages: options.linkPackages,
    vendor: options.vendor,
  });
}

/**
 * A module's Lambda entry: the file its manifest's `function.handler` names, beside its
 * `module.ts`.
 *
 * @example
 * moduleEntryOf('modules/ratings', 'handler.handler'); // 'modules/ratings/handler.ts'
 */
export function moduleEntryOf(directory: string, handler?: string): string {
  return join(directory, `${entryFile(handler)}.ts`);
}

/** `handler` of `handler.handler`, `lib/main` of `lib/main.run`. */
function entryFile(handler = 'handler.handler'): string {
  return handler.slice(0, handler.lastIndexOf('.')) || 'handler';
}
