import { access, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface BuildModuleOptions {
  /** The module's folder, holding `handler.ts`. */
  directory: string;
  /** Where the bundle goes; emptied first. */
  outputDirectory: string;
  /** @default true */
  minify?: boolean;
}

export interface ModuleBundle {
  directory: string;
  /** The file name of the entry, e.g. `handler.mjs`, which a `handler.handler` Handler loads. */
  entry: string;
  bytes: number;
}

/**
 * Bundles a module's `handler.ts` and everything it imports (the AWS SDK included, so a
 * version runs the SDK it was tested with) into one ESM file, as Lambda's Node.js
 * runtime loads it.
 */
export async function buildModule(options: BuildModuleOptions): Promise<ModuleBundle> {
  const entry = join(options.directory, 'handler.ts');
  await access(entry).catch(() => {
    throw new Error(
      `${entry} is missing: a module's Lambda entry is handler.ts beside its module.ts, exporting \`handler\`.`,
    );
  });
  await rm(options.outputDirectory, { recursive: true, force: true });
  await mkdir(options.outputDirectory, { recursive: true });
  const outfile = join(options.outputDirectory, 'handler.mjs');
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: options.minify ?? true,
    sourcemap: false,
    metafile: true,
    logLevel: 'silent',
    // Some bundled CommonJS dependencies call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { directory: options.outputDirectory, entry: 'handler.mjs', bytes };
}
