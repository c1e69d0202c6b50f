/**
 * Module metrics (docs/ARCHITECTURE.md, contract 6): what every kit handler publishes of
 * each request it answers, as CloudWatch metrics in Embedded Metric Format written to
 * the function's log, and what the deployment monitor reads per version
 * (control-plane/deploy/module-metrics-health-source.ts). They see what clients see even
 * where the gateway does not (a REST call through an API Gateway mapping) and where
 * Lambda does not (a handler that answers 500 has returned normally). Contract version 1:
 * add metrics freely; renaming one, or changing the dimensions, is a new version.
 */

export const MODULE_METRICS_NAMESPACE = 'Turnout/Modules';

/**
 * The one dimension set of every module metric, named as `AWS/Lambda` names them. The
 * function name, not the module's: functions carry the environment's prefix, so two
 * environments in one account never add up their versions `3`.
 */
export const MODULE_METRIC_DIMENSIONS = {
  functionName: 'FunctionName',
  /** The version that ran: `AWS_LAMBDA_FUNCTION_VERSION`. */
  version: 'ExecutedVersion',
} as const;

/** The metrics, one value each per request. */
export const MODULE_METRICS = {
  /** 1 per request answered, or failed by throwing. */
  requests: 'Requests',
  /** 1 when the module failed the request (a 5xx, an error that is not the client's), else 0. */
  serverErrors: 'ServerErrors',
  /** 1 when the request was the client's fault (a 4xx, a GraphQL client error code), else 0. */
  clientErrors: 'ClientErrors',
  /** Milliseconds inside the handler. */
  latency: 'Latency',
} as const;

/**
 * GraphQL error codes that blame the request, not the module: a version that answers
 * them is doing its job. Any other error, or one without a code, is the module failing.
 * The gateway judges graphlet answers by the same list (gateway/invoke/read-graphlet-answer.ts).
 */
export const GRAPHQL_CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  // A retried write while the first attempt runs, or a key reused for another write.
  'IDEMPOTENCY_KEY_IN_USE',
  'IDEMPOTENCY_KEY_REUSED',
]);
