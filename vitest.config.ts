import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.turnout/**', '.sst/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The end-to-end suites each start a local cloud (a JVM among them); two at a time
    // is what a 2-core machine runs without starving the timing-sensitive ones.
    maxWorkers: 2,
    pool: 'forks',
  },
});
