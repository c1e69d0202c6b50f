import { rename } from 'node:fs/promises';
import type { BuildResult } from 'esbuild';

/**
 * Bundles `entry` as the gateway Lambda is bundled: esbuild, one minified ES module for
 * Node 20, with a `require` for the dependencies that still call it. Benchmarks run such
 * bundles in fresh processes, so what they measure is what the Lambda loads. The file is
 * written whole and then renamed into place, so that another benchmark starting it at the
 * same time never reads half of it.
 *
 * @example
 * await bundleLikeGatewayLambda('bench/gateway/cold-start.ts', '.turnout/bench/cold-start.mjs');
 */
export async function bundleLikeGatewayLambda(
  entry: string,
  outfile: string,
  options: { write?: boolean } = {},
): Promise<BuildResult> {
  const { build } = await import('esbuild');
  const write = options.write ?? true;
  const written = write ? `${outfile}.${process.pid}.tmp` : outfile;
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    write,
    outfile: written,
    banner: {
      js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
  });
  if (write) await rename(written, outfile);
  return result;
}
