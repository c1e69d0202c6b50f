/**
 * Bundles `entry` as the gateway Lambda is bundled: esbuild, one minified ES module for
 * Node 20, with a `require` for the dependencies that still call it. Benchmarks run such
 * bundles in fresh processes, so what they measure is what the Lambda loads.
 *
 * @example
 * await bundleLikeGatewayLambda('gateway/bench/cold-start.ts', '.turnout/bench/cold-start.mjs');
 */
export async function bundleLikeGatewayLambda(
  entry: string,
  outfile: string,
  options: { write?: boolean } = {},
) {
  const { build } = await import('esbuild');
  return build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    write: options.write ?? true,
    outfile,
    banner: {
      js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
  });
}
