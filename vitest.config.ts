import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (`main`) and ESM (`module`) builds without an `exports` map:
    // Node loads the CJS one for @graphql-tools, Vite would give our code the ESM one,
    // and two copies fail `instanceof GraphQLSchema`. Point everyone at the CJS build.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.turnout/**', '.sst/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The end-to-end suites each start a local cloud (a JVM among them); two at a time
    // is what a 2-core machine runs without starving the timing-sensitive ones.
    maxWorkers: 2,
    pool: 'forks',
    // The SDK warns once per process that its 2027 releases need Node 22; we pin today's.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
