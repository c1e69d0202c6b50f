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
