/**
 * The local Lambda: our own emulation of AWS Lambda's control plane and Invoke API.
 *
 * why our own: no npm package emulates Lambda's control plane (versions, weighted aliases,
 * reserved concurrency) behind the real REST API, and the deploy pipeline must run against
 * the same `@aws-sdk/client-lambda` calls it makes in AWS.
 *
 * Served operations (the `/2015-03-31/functions/...` REST paths the SDK v3 uses):
 * CreateFunction, UpdateFunctionCode, UpdateFunctionConfiguration, GetFunction,
 * GetFunctionConfiguration, ListFunctions, DeleteFunction, PublishVersion,
 * ListVersionsByFunction, CreateAlias, UpdateAlias, GetAlias, ListAliases, DeleteAlias,
 * PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency,
 * Put/Get/DeleteProvisionedConcurrencyConfig and Invoke (RequestResponse, Event, DryRun).
 * SigV4 signatures are accepted unchecked.
 *
 * Event source mappings from SQS (`/2015-03-31/event-source-mappings`): Create, Get, List
 * (by FunctionName and EventSourceArn), Update and Delete. Each enabled mapping is polled
 * as Lambda polls it: batches invoke the mapped function or alias with Lambda's SQS event,
 * finished messages are deleted (all but the `batchItemFailures` when the mapping has
 * `FunctionResponseTypes: ['ReportBatchItemFailures']`), failed ones are left to the
 * queue's visibility timeout and redrive policy. Needs `sqsEndpoint`.
 *
 * CloudWatch's GetMetricData (`POST /`, AWS JSON 1.0, as `@aws-sdk/client-cloudwatch` sends
 * it) on the same endpoint: `AWS/Lambda` metrics per function, alias and executed version,
 * and the metrics functions write to their logs in Embedded Metric Format (a handler's
 * stdout and stderr are its log: EMF lines become metrics, other lines go on to this
 * process's output), as CloudWatch Logs extracts them in AWS.
 *
 * Code comes as AWS takes it (`Code.ZipFile`, a zip), or, for development, from a
 * directory on this machine: `Code: { S3Bucket: '__local__', S3Key: '/abs/path/to/dir' }`
 * (see `LOCAL_CODE_BUCKET`). Handlers are plain JavaScript (.js, .mjs, .cjs); each
 * execution environment of a version is a process of its own that speaks Lambda's
 * Runtime API (`process-environment.ts`), one invoke at a time, kept warm: whatever a
 * handler does to its process (exit, kill, abort, crash, memory) ends only that one.
 */
export { LOCAL_CODE_BUCKET } from './code-package.ts';
export type { CustomMetricQuery, MetricDatum } from './custom-metrics.ts';
export type { GetMetricDataInput, GetMetricDataOutput } from './get-metric-data.ts';
export type { InvocationType, InvokeInput, InvokeResult } from './invoke.ts';
export type {
  LambdaMetricName,
  LambdaMetrics,
  MetricQuery,
  MetricSeries,
  MetricStat,
} from './metrics.ts';
export {
  type LocalLambda,
  type LocalLambdaOptions,
  startLocalLambda,
} from './start-local-lambda.ts';
