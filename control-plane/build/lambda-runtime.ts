/**
 * The Lambda runtime of every Turnout function: a current one AWS supports (nodejs20.x
 * is deprecated there). The stacks create functions on it; the pipeline keeps it.
 */
export const LAMBDA_RUNTIME = 'nodejs24.x';

/**
 * The esbuild target of every bundle. Node 20, not 24: one bundle runs on the local
 * cloud and in the tests (Node 20) and on {@link LAMBDA_RUNTIME}, so a version tested
 * locally is byte for byte the one deployed; a node24 target could keep syntax Node 20
 * cannot parse.
 */
export const BUNDLE_TARGET = 'node20';

/**
 * Where a bundle looks first in a package without an `exports` map: its ES module build
 * (`module`: the AWS SDK's `dist-es`), then its CommonJS one. esbuild's default for Node
 * (`main` first) takes the SDK's CommonJS, which a bundle carries whole and wraps; with
 * the ES modules (and graphql's, `graphqlAsEsModule`) titles' bundle is 1.13 MB against
 * 1.47 MB and its import 193-203 ms against 262-300 ms, in AWS as on this machine (the
 * SDK's guide to bundling advises the same). Only for bundles that carry their packages:
 * a live edit's build loads them as Node resolves them.
 */
export const BUNDLE_MAIN_FIELDS = ['module', 'main'];
