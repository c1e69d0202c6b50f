import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCloudWatchRoutes } from './cloudwatch-routes.ts';
import { createLogSink } from './create-log-sink.ts';
import { createSqsEventSources, type SqsEventSourcesOptions } from './create-sqs-event-sources.ts';
import { createCustomMetrics, type MetricDatum } from './custom-metrics.ts';
import { createFunctionsStore } from './functions-store.ts';
import {
  answerGetMetricData,
  type GetMetricDataInput,
  type GetMetricDataOutput,
} from './get-metric-data.ts';
import { createInvoker, type Invoke } from './invoke.ts';
import { createMetrics, type LambdaMetrics } from './metrics.ts';
import { createProvisionedConcurrency } from './provisioned-concurrency.ts';
import { retireUnaliasedVersions } from './retire-unaliased-versions.ts';
import { createRoutes } from './routes.ts';
import { createLambdaServer } from './server.ts';
import type { FunctionRecord } from './types.ts';
import { createVersionPools } from './version-pools.ts';

export interface LocalLambdaOptions {
  /** @default 0 (the OS picks a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** @default '000000000000' */
  accountId?: string;
  /**
   * Variables every function's environment gets, e.g. `AWS_ENDPOINT_URL_DYNAMODB` so the
   * handlers' own SDK clients find the local services. A function's variables win.
   */
  runtimeEnvironment?: Record<string, string>;
  /**
   * Execution environments (processes) per version when a function has no reserved
   * concurrency; invokes beyond it wait for a free one instead of failing (it is a limit of
   * this machine, not of Lambda: more processes than cores only take turns on them, and
   * each one switched in costs more than the invoke it runs).
   * @default twice the CPU cores, at least 4
   */
  defaultConcurrency?: number;
  /**
   * The SQS that event source mappings poll (startLocalCloud passes its own). Without it,
   * CreateEventSourceMapping fails and says so.
   */
  sqsEndpoint?: string;
  /** How the SQS pollers run; tests make them quicker. */
  eventSourcePollers?: SqsEventSourcesOptions['pollers'];
  clock?: { now(): number };
}

export interface LocalLambda extends AsyncDisposable {
  /**
   * `http://127.0.0.1:<port>`: give it to `LambdaClient` as `endpoint`, and to
   * `CloudWatchClient` for GetMetricData.
   */
  endpoint: string;
  /** Per-version invoke metrics, read like CloudWatch's `AWS/Lambda` namespace. */
  metrics: LambdaMetrics;
  /**
   * CloudWatch's GetMetricData without HTTP: `AWS/Lambda`, and every namespace the
   * functions wrote to their logs in Embedded Metric Format.
   */
  getMetricData(input: GetMetricDataInput): GetMetricDataOutput;
  /**
   * Records a metric another local service reports to CloudWatch (the local global
   * tables' `AWS/DynamoDB` ReplicationLatency): GetMetricData serves it beside the rest.
   */
  putMetric(datum: MetricDatum): void;
  /** Invoke without HTTP: the same path the Invoke API takes, for benchmarks and tools. */
  invoke: Invoke;
  /** SQS pollers whose loops are running: one per enabled event source mapping. */
  readonly activePollers: number;
  /** The process ids of the runtimes started ahead, waiting for a function of `memorySize` MB, or any (`createSpareRuntimes`). */
  spareRuntimes(memorySize?: number): number[];
  /** Ends every execution environment, closes the server and removes the unpacked code. */
  stop(): Promise<void>;
}

/**
 * Starts the local Lambda service.
 *
 * @example
 * await using lambda = await startLocalLambda();
 * const client = new LambdaClient({ endpoint: lambda.endpoint, region: 'us-east-1' });
 */
export async function startLocalLambda(options: LocalLambdaOptions = {}): Promise<LocalLambda> {
  const region = options.region ?? 'us-east-1';
  const clock = options.clock ?? Date;
  const tempRoot = await mkdtemp(join(tmpdir(), 'turnout-lambda-'));
  const customMetrics = createCustomMetrics({ clock });
  const pools = createVersionPools({
    region,
    runtimeEnvironment: options.runtimeEnvironment,
    defaultConcurrency: options.defaultConcurrency ?? Math.max(4, 2 * availableParallelism()),
    logSink: createLogSink(customMetrics),
  });
  const accountId = options.accountId ?? '000000000000';
  const store = createFunctionsStore({
    region,
    accountId,
    tempRoot,
    clock,
    onRetired: pools.retire,
  });
  const metrics = createMetrics({ clock });
  const getMetricData = (input: GetMetricDataInput) =>
    answerGetMetricData(input, { lambda: metrics.query, custom: customMetrics.query });
  const logError = (error: unknown) => console.error('[local-lambda]', error);
  const invoke = createInvoker({ store, pools, metrics, onAsyncError: logError });
  const eventSources = createSqsEventSources({
    functions: store,
    invoke,
    region,
    accountId,
    clock,
    sqsEndpoint: options.sqsEndpoint,
    pollers: options.eventSourcePollers,
    onError: logError,
  });
  const retireUnaliased = (fn: FunctionRecord) =>
    retireUnaliasedVersions(fn, { pools, keepsVersion: provisioned.keepsVersion });
  const provisioned = createProvisionedConcurrency({
    store,
    pools,
    clock,
    onDeleted: retireUnaliased,
  });
  const routes = [
    ...createRoutes(store, invoke, retireUnaliased),
    ...provisioned.routes,
    ...eventSources.routes,
    ...createCloudWatchRoutes(getMetricData),
  ];
  const server = createLambdaServer(routes, logError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      // why: first, so no poller starts an invoke while the environments are going away
      const pollersStopped = eventSources.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pools.stop();
      await pollersStopped;
      await rm(tempRoot, { recursive: true, force: true });
    })();
    return stopped;
  };
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    metrics,
    getMetricData,
    putMetric: customMetrics.put,
    invoke,
    get activePollers() {
      return eventSources.activePollers;
    },
    spareRuntimes: pools.spareRuntimes,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
