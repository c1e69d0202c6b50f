/**
 * The latency histogram's fixed bucket bounds, in milliseconds: powers of two from
 * 0.5 ms to 32 s, then one overflow bucket. Fixed, so samples from every gateway
 * instance add up bucket by bucket.
 */
export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = Array.from(
  { length: 17 },
  (_, i) => 2 ** (i - 1),
);

/** The number of buckets: one per bound plus the overflow (> 32 s). */
export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length + 1;

/**
 * The index of the first bucket whose bound is at or above `ms`.
 *
 * @example
 * latencyBucketIndex(3); // 3: the bucket (2 ms, 4 ms]
 */
export function latencyBucketIndex(ms: number): number {
  if (ms <= 0.5) return 0;
  const index = Math.ceil(Math.log2(ms)) + 1;
  return Math.min(index, LATENCY_BUCKET_COUNT - 1);
}
