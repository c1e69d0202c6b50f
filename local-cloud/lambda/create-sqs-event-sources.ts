import { SQSClient } from '@aws-sdk/client-sqs';
import { InvalidParameterValueError } from './errors.ts';
import { createEventSourceMappingRoutes } from './event-source-mapping-routes.ts';
import { createEventSourceMappings } from './event-source-mappings.ts';
import {
  createEventSourcePollers,
  type EventSourcePollersOptions,
} from './event-source-pollers.ts';
import type { FunctionsStore } from './functions-store.ts';
import type { Invoke } from './invoke.ts';
import { resolveSqsQueue } from './resolve-sqs-queue.ts';

export interface SqsEventSourcesOptions {
  functions: FunctionsStore;
  invoke: Invoke;
  region: string;
  accountId: string;
  clock: { now(): number };
  /** The SQS to poll; without it, creating a mapping fails with how to fix that. */
  sqsEndpoint: string | undefined;
  /** Poller tuning, for tests. */
  pollers?: Pick<EventSourcePollersOptions, 'pollersPerMapping' | 'waitTimeSeconds' | 'backoffMs'>;
  onError(error: unknown): void;
}

/** The local services accept any credentials; these say where the calls come from. */
const POLLER_CREDENTIALS = { accessKeyId: 'local-lambda', secretAccessKey: 'local-lambda' };

/**
 * Event source mappings from SQS: their API routes, their store and the pollers that
 * follow it, with the SQS client the pollers use (the local Lambda's own, as in AWS,
 * where the Lambda service polls with the function's role, not the caller's client).
 *
 * @example
 * const sources = createSqsEventSources({ functions, invoke, region, accountId, clock, sqsEndpoint, onError });
 * routes.push(...sources.routes);
 * await sources.stop();
 */
export function createSqsEventSources(options: SqsEventSourcesOptions) {
  const { sqsEndpoint, region } = options;
  const sqs = sqsEndpoint
    ? new SQSClient({ endpoint: sqsEndpoint, region, credentials: POLLER_CREDENTIALS })
    : undefined;
  const mappings = createEventSourceMappings({
    ...options,
    inspectQueue: (arn) => (sqs ? resolveSqsQueue(sqs, arn) : Promise.reject(noSqsError())),
    onChanged: (uuid) => pollers?.sync(uuid),
  });
  const pollers =
    sqs &&
    createEventSourcePollers({
      ...options.pollers,
      find: mappings.find,
      sqs,
      invoke: options.invoke,
      clock: options.clock,
      onError: (uuid, error) =>
        options.onError(
          new Error(`Event source mapping ${uuid}: ${describe(error)}`, { cause: error }),
        ),
    });
  return {
    routes: createEventSourceMappingRoutes(mappings),
    /** Pollers whose loops are still running. */
    get activePollers(): number {
      return pollers?.active ?? 0;
    },
    /** Starts stopping now (in-flight receives are aborted); settles when every loop ended. */
    stop(): Promise<void> {
      const stopping = pollers?.stop() ?? Promise.resolve();
      return stopping.finally(() => sqs?.destroy());
    },
  };
}

function noSqsError(): InvalidParameterValueError {
  return new InvalidParameterValueError(
    'This local Lambda has no SQS to poll: start it with `sqsEndpoint` (startLocalCloud passes its own)',
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
