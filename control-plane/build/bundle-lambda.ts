import { mkdir, rm } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
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
  await rm(options.outputDirectory, { recursive: true, force: true });
  await mkdir(options.outputDirectory, { recursive: true });
  const entry = `${basename(options.entry, extname(options.entry))}.mjs`;
  const result = await build({
    entryPoints: [options.entry],
    outfile: join(options.outputDirectory, entry),
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
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  // esbuild names inputs relative to its working directory, the process's.
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(input));
  const imported = importedFiles(result);
  const vendored = Object.entries(options.vendor?.entries ?? {});
  return {
    directory: options.outputDirectory,
    entry,
    bytes,
    inputs,
    carried: carriedFiles(result),
    linked: imported.filter((file) => !vendored.some(([, e]) => e.file === file)),
    vendored: vendored.filter(([, e]) => imported.includes(e.file)).map(([specifier]) => specifier),
  };
}

/** The inputs with code in any output (esbuild's `bytesInOutput`), as absolute paths. */
function carriedFiles(result: { metafile: Metafile }): string[] {
  const carried = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => resolve(path)),
  );
  return [...new Set(carried)];
}

/** The files `linkPackages` left as imports: externals by `file:` URL (builtins have none). */
function importedFiles(result: { metafile: Metafile }): string[] {
  const urls = Object.values(result.metafile.outputs).flatMap((o) =>
    o.imports.filter((i) => i.external && i.path.startsWith('file:')).map((i) => i.path),
  );
  return [...new Set(urls)].map((url) => fileURLToPath(url));
}
