/**
 * The Lambda runtime of every Turnout function. A current one AWS supports (nodejs20.x
 * is deprecated there); the code itself also runs on Node 20, which is what the local
 * cloud and the tests use.
 */
export const LAMBDA_RUNTIME = 'nodejs24.x';

/** The esbuild target that matches {@link LAMBDA_RUNTIME}. */
export const BUNDLE_TARGET = 'node24';
