import { realpathSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { graphqlAsEsModule } from './graphql-as-es-module.ts';
import { BUNDLE_MAIN_FIELDS, BUNDLE_TARGET } from './lambda-runtime.ts';
import { createLinkPackages } from './link-packages.ts';
import type { PackageVendor } from './prebundle-packages.ts';

export interface BundleLambdaOptions {
  /**
   * The TypeScript entry.
   * @example 'modules/ratings/handler.ts'
   */
  entry: string;
  /** Where the bundle goes; emptied first. */
  outputDirectory: string;
  /** @default true */
  minify?: boolean;
  /**
   * Load packages from this machine's node_modules instead of bundling them
   * (`linkPackages`): a build in tens of milliseconds instead of seconds, for a version
   * that runs only here (`turnout dev`'s live edits). Never for Lambda. @default false
   */
  linkPackages?: boolean;
  /**
   * With `linkPackages`, the packages pre-bundled for such builds (`prebundlePackages`):
   * an import the vendor has loads its entry, the others stay linked.
   */
  vendor?: PackageVendor;
}

export interface LambdaBundle {
  directory: string;
  /** The bundle's entry file, `<entry name>.mjs`: a Handler `handler.handler` loads `handler.mjs`. */
  entry: string;
  /** The code and its source map. */
  bytes: number;
  /** Every source file bundled, as absolute paths (a cache of bundles keys on them). */
  inputs: string[];
  /**
   * The inputs whose code is in the output, as absolute paths: an input esbuild read
   * but shook out entirely (an unused file of the kit) is not among them. What a save
   * must rebuild the bundle for.
   */
  carried: string[];
  /**
   * With `linkPackages`, the package files the output imports from node_modules instead
   * of carrying them, as absolute paths: what the build's provenance names as its
   * dependencies. Empty otherwise (the packages' files are among the inputs).
   */
  linked: string[];
  /**
   * With a vendor, the specifiers the output imports from it (`zod`,
   * `@aws-sdk/lib-dynamodb`): their packages are what `linked` does not name.
   */
  vendored: string[];
}

/**
 * Bundles a Lambda entry and everything it imports (the AWS SDK included, so a version
 * runs the SDK it was tested with) into one ES module with its source map, as Lambda's
 * Node.js runtime loads it. The one bundler: the stacks' first deploy and every version
 * the pipeline or the local cloud publishes go through it, so they get the same target,
 * format and source maps.
 *
 * @example
 * const bundle = await bundleLambda({ entry: 'modules/ratings/handler.ts', outputDirectory: '.turnout/build/ratings' });
 */
export async function bundleLambda(options: BundleLambdaOptions): Promise<LambdaBundle> {
  await emptyDirectory(options.outputDirectory);
  const result = await build({
    ...lambdaBuildOptions(options),
    entryPoints: [options.entry],
    outfile: join(options.outputDirectory, entryFileOf(options.entry)),
  });
  return lambdaBundleOf(options, result.metafile);
}

/** Empties (or makes) a bundle's folder before a build writes it. */
export async function emptyDirectory(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
}

/** The bundle's file for an entry: `handler.ts` gives `handler.mjs`. */
export function entryFileOf(entry: string): string {
  return `${basename(entry, extname(entry))}.mjs`;
}

/** What every Lambda bundle is built with, whatever its entry and output. */
export function lambdaBuildOptions(
  options: Pick<BundleLambdaOptions, 'minify' | 'linkPackages' | 'vendor'>,
): BuildOptions & { metafile: true } {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    ...(options.linkPackages ? {} : { mainFields: BUNDLE_MAIN_FIELDS }),
    minify: options.minify ?? true,
    // A file beside the code: stack traces name source lines once NODE_OPTIONS has
    // --enable-source-maps (the stacks set it), and the code itself stays small.
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    plugins: options.linkPackages ? [createLinkPackages(options.vendor)] : [graphqlAsEsModule],
    // Some bundled CommonJS dependencies call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  };
}

/**
 * One entry's bundle, read from the metafile of the build that wrote it (alone, or with
 * other entries: then only what this entry's output holds and its imports reach counts).
 */
export function lambdaBundleOf(options: BundleLambdaOptions, metafile: Metafile): LambdaBundle {
  // esbuild names inputs and outputs relative to its working directory, the process's.
  // The output is found by its file, where the build was told to write it: the entry's
  // own path may differ from the one esbuild reports (a symlinked modules folder).
  const outputFile = realPath(resolve(options.outputDirectory, entryFileOf(options.entry)));
  const found = Object.entries(metafile.outputs).find(
    ([file]) => file.endsWith('.mjs') && realPath(resolve(file)) === outputFile,
  );
  if (!found || found[1].entryPoint === undefined) {
    throw new Error(`esbuild's metafile has no output for ${options.entry}`);
  }
  const [file, output] = found;
  const map = metafile.outputs[`${file}.map`];
  const imported = importedFiles(output);
  const vendored = Object.entries(options.vendor?.entries ?? {});
  return {
    directory: options.outputDirectory,
    entry: entryFileOf(options.entry),
    bytes: output.bytes + (map?.bytes ?? 0),
    inputs: reachedInputs(metafile, found[1].entryPoint).map((input) => resolve(input)),
    carried: carriedFiles(output),
    linked: imported.filter((file) => !vendored.some(([, e]) => e.file === file)),
    vendored: vendored.filter(([, e]) => imported.includes(e.file)).map(([specifier]) => specifier),
  };
}

/** The path with its symlinks resolved, as the written file is reached. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Every input esbuild read for an entry: the entry and what its imports reach, shaken out or not. */
function reachedInputs(metafile: Metafile, entryPoint: string): string[] {
  const reached = new Set<string>();
  const pending = [entryPoint];
  for (let input = pending.pop(); input !== undefined; input = pending.pop()) {
    if (reached.has(input)) continue;
    reached.add(input);
    for (const imported of metafile.inputs[input]?.imports ?? []) {
      if (!imported.external && metafile.inputs[imported.path]) pending.push(imported.path);
    }
  }
  return [...reached];
}

/** The inputs with code in the output (esbuild's `bytesInOutput`), as absolute paths. */
function carriedFiles(output: Metafile['outputs'][string]): string[] {
  return Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => resolve(path));
}

/** The files `linkPackages` left as imports: externals by `file:` URL (builtins have none). */
function importedFiles(output: Metafile['outputs'][string]): string[] {
  const urls = output.imports
    .filter((i) => i.external && i.path.startsWith('file:'))
    .map((i) => i.path);
  return [...new Set(urls)].map((url) => fileURLToPath(url));
}
