import { defineConfig } from 'vitest/config';

/**
 * Test files that start a local cloud (DynamoDB Local's JVM, the local Lambda's workers,
 * fauxqs) or spawn processes (esbuild, Java). Everything else is a unit test: in-process,
 * done in seconds.
 */
const CLOUD_TESTS = [
  // End-to-end against the local cloud, and their harnesses.
  'test/**/*.test.ts',
  // Module handlers against DynamoDB Local and fauxqs (test/relay-test-kit.ts): a new
  // module's test that uses the kit goes here too. Awards' test fakes its service in-process.
  'modules/{gatepass,images,loads,message,names,navigate,ratings,titles}/create-*.test.ts',
  // The kit's idempotency against DynamoDB Local.
  'modules/kit/create-idempotency-store.test.ts',
  // The registry and publishing against DynamoDB Local.
  'control-plane/publish/publish-module.test.ts',
  'control-plane/publish/release-module.test.ts',
  'control-plane/publish/retire-module.test.ts',
  'control-plane/registry/write-publication.test.ts',
  'control-plane/deploy/deployment-store.test.ts',
  // fauxqs with the local SQS's message moves; the AWS CLI as a process.
  'local-cloud/sqs-message-moves.test.ts',
  // A routing control stand-in on the loopback, for the ARC data-plane client.
  'control-plane/deploy/region-serving.test.ts',
  // Spawns Java.
  'local-cloud/dynamodb.test.ts',
  // Runs function code in runtime processes of their own.
  'local-cloud/lambda/environment-pool.test.ts',
  // The CLI as new processes, building itself; esbuild runs as a child process.
  'bin/turnout.test.ts',
  'gateway/graphql/graphql-js.test.ts',
  'stacks/bundle-handler.test.ts',
  'stacks/deploy-unit.test.ts',
  // esbuild, and a Node process reading the packages' export names.
  'control-plane/build/prebundle-packages.test.ts',
  // esbuild bundling real modules, several entries in one run.
  'control-plane/build/bundle-lambdas.test.ts',
];

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (`main`) and ESM (`module`) builds without an `exports` map:
    // Node loads the CJS one for @graphql-tools, Vite would give our code the ESM one,
    // and two copies fail `instanceof GraphQLSchema`. Point everyone at the CJS build.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    exclude: ['node_modules/**', '.turnout/**', '.sst/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for a condition; its 1 s default ceiling is a bound on speed that a
    // loaded machine breaks (a cold worker, a GC pause). Generous, and under testTimeout.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    // The SDK warns once per process that its 2027 releases need Node 22; we pin today's.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          // Added to the root's exclude.
          exclude: CLOUD_TESTS,
          // Runs before the cloud project, so a plain `npm test` fails fast and the cloud
          // tests never share the CPU with it.
          sequence: { groupOrder: 0 },
          maxWorkers: 2,
          // A fresh process per file costs more than most files' tests (it doubled the
          // project's time): the files share two processes instead. None needs a fresh one;
          // Pulumi's mocks are set again by each file that uses them, as under mocha.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'cloud',
          include: CLOUD_TESTS,
          sequence: { groupOrder: 1 },
          // Each file starts a local cloud (a JVM among them); two at a time is what a
          // 2-core machine runs.
          maxWorkers: 2,
        },
      },
    ],
  },
});
