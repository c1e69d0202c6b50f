import { basename, dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import {
  type BundleLambdaOptions,
  bundleLambda,
  emptyDirectory,
  entryFileOf,
  type LambdaBundle,
  lambdaBuildOptions,
  lambdaBundleOf,
} from './bundle-lambda.ts';

/**
 * Bundles several Lambda entries in one esbuild run, one promise per entry. The files
 * the entries share (the AWS SDK, zod, graphql, the kit: about 1,300 per module here)
 * are read and parsed once instead of once per entry: ten modules in 2.7 s against
 * 6.5 s one after another (BENCHMARKS.md). Each entry's output is what `bundleLambda`
 * writes for it alone, byte for byte: the same options, and its file in its own folder
 * at the same depth, so the source map's paths are the same.
 *
 * Entries go together when their output folders share a parent and their settings are
 * the same; one that links its packages (a live edit's) is built alone. When a run
 * fails (one entry does not build), each of its entries is built again alone, so each
 * gets its own bundle or its own error.
 *
 * @example
 * const [titles, names] = bundleLambdas([
 *   { entry: 'modules/titles/handler.ts', outputDirectory: '.turnout/build/titles' },
 *   { entry: 'modules/names/handler.ts', outputDirectory: '.turnout/build/names' },
 * ]);
 */
export function bundleLambdas(requests: readonly BundleLambdaOptions[]): Promise<LambdaBundle>[] {
  const groups = new Map<string, BundleLambdaOptions[]>();
  const alone: BundleLambdaOptions[] = [];
  for (const request of requests) {
    const key = JSON.stringify([dirname(resolve(request.outputDirectory)), request.minify ?? true]);
    const group = groups.get(key) ?? [];
    const folder = basename(request.outputDirectory);
    if (request.linkPackages || group.some((other) => basename(other.outputDirectory) === folder))
      alone.push(request);
    else groups.set(key, [...group, request]);
  }
  const bundles = new Map<BundleLambdaOptions, Promise<LambdaBundle>>();
  for (const request of alone) bundles.set(request, bundleLambda(request));
  for (const group of groups.values()) {
    const [only] = group;
    if (group.length === 1 && only) {
      bundles.set(only, bundleLambda(only));
      continue;
    }
    const together = bundleTogether(group);
    for (const [index, request] of group.entries()) {
      bundles.set(
        request,
        together.then(
          (built) => built[index] as LambdaBundle,
          () => bundleLambda(request),
        ),
      );
    }
  }
  return requests.map((request) => bundles.get(request) as Promise<LambdaBundle>);
}

/** One esbuild run for entries whose output folders share a parent: `<parent>/<folder>/<entry>.mjs`. */
async function bundleTogether(group: readonly BundleLambdaOptions[]): Promise<LambdaBundle[]> {
  const [first] = group;
  if (!first) return [];
  await Promise.all(group.map((request) => emptyDirectory(request.outputDirectory)));
  const result = await build({
    ...lambdaBuildOptions(first),
    entryPoints: group.map((request) => ({
      in: request.entry,
      // `out` takes no extension: outExtension gives each the `.mjs` bundleLambda's outfile has.
      out: join(basename(request.outputDirectory), entryFileOf(request.entry).slice(0, -4)),
    })),
    outdir: dirname(resolve(first.outputDirectory)),
    outExtension: { '.js': '.mjs' },
  });
  return group.map((request) => lambdaBundleOf(request, result.metafile));
}
