import type { BundleLambdaOptions, LambdaBundle } from './bundle-lambda.ts';
import { bundleLambdas } from './bundle-lambdas.ts';

/** Bundles one entry, in one esbuild run with the entries asked for at about the same time. */
export type BatchedBundle = (options: BundleLambdaOptions) => Promise<LambdaBundle>;

/**
 * A `bundleLambda` that waits `windowMs` after the last entry asked for and then builds
 * every entry asked for so far with `bundleLambdas`, in one esbuild run. For callers
 * that bundle many entries each on its own path (a start's cache misses, each found
 * after its own reads): they get one run without knowing of each other.
 *
 * @example
 * const bundle = createBundleBatch();
 * const [a, b] = await Promise.all([bundle(titles), bundle(names)]); // one esbuild run
 */
export function createBundleBatch(windowMs = 20): BatchedBundle {
  let pending: { options: BundleLambdaOptions; settle: (bundle: Promise<LambdaBundle>) => void }[] =
    [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    const batch = pending;
    pending = [];
    timer = undefined;
    const bundles = bundleLambdas(batch.map((request) => request.options));
    for (const [index, request] of batch.entries())
      request.settle(bundles[index] as Promise<LambdaBundle>);
  };
  return (options) =>
    new Promise<LambdaBundle>((resolve, reject) => {
      pending.push({ options, settle: (bundle) => bundle.then(resolve, reject) });
      clearTimeout(timer);
      timer = setTimeout(flush, windowMs);
    });
}
