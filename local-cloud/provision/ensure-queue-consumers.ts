import {
  CreateEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  type LambdaClient,
  ListEventSourceMappingsCommand,
  ResourceConflictException,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import {
  functionName,
  LIVE_ALIAS,
  type ModuleManifest,
  type QueueManifest,
} from '../../modules/kit/index.ts';
import type { ProvisionedQueue } from './ensure-module-queues.ts';
import { ProvisionError } from './errors.ts';

/** What became of a queue's consumer mapping. */
export interface QueueConsumer {
  uuid: string;
  outcome: 'created' | 'unchanged' | 'updated';
}

/**
 * Maps each queue the module consumes (`consumer` in its manifest) to the function's
 * `live` alias, so the pipeline's traffic shift covers queue consumers too, with
 * `ReportBatchItemFailures` so one bad message does not send its batch back. A mapping
 * that exists keeps its enabled state; only its batch settings follow the manifest.
 *
 * @example
 * const queues = await ensureModuleQueues(manifest, sqs);
 * await ensureQueueConsumers(manifest, { lambda }, queues); // { deliveries: { uuid, outcome: 'created' } }
 */
export async function ensureQueueConsumers(
  manifest: ModuleManifest,
  { lambda }: { lambda: LambdaClient },
  queues: Record<string, Pick<ProvisionedQueue, 'arn'>>,
): Promise<Record<string, QueueConsumer>> {
  const target = `${functionName(manifest.name)}:${LIVE_ALIAS}`;
  const consumers: Record<string, QueueConsumer> = {};
  for (const [logical, queue] of Object.entries(manifest.queues)) {
    if (!queue.consumer) continue;
    const arn = queues[logical]?.arn;
    if (!arn) {
      throw new ProvisionError(
        'QUEUE_NOT_PROVISIONED',
        `Queue "${logical}" of module ${manifest.name} has no ARN: run ensureModuleQueues first and pass its result`,
      );
    }
    consumers[logical] = await ensureConsumer(lambda, target, arn, batchSettings(queue));
  }
  return consumers;
}

type BatchSettings = ReturnType<typeof batchSettings>;

function batchSettings(queue: QueueManifest) {
  const batchSize = queue.consumer?.batchSize ?? 10;
  return {
    BatchSize: batchSize,
    // why: Lambda refuses a batch above 10 from a standard queue without a batching window
    MaximumBatchingWindowInSeconds: batchSize > 10 ? 1 : 0,
    FunctionResponseTypes: ['ReportBatchItemFailures' as const],
  };
}

async function ensureConsumer(
  lambda: LambdaClient,
  target: string,
  eventSourceArn: string,
  settings: BatchSettings,
): Promise<QueueConsumer> {
  const existing = await findMapping(lambda, target, eventSourceArn);
  if (existing) return alignMapping(lambda, existing, settings);
  try {
    const created = await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: target,
        EventSourceArn: eventSourceArn,
        ...settings,
      }),
    );
    return { uuid: created.UUID ?? '', outcome: 'created' };
  } catch (error) {
    // why: a concurrent provision created it first; that one is as good as ours
    const winner =
      error instanceof ResourceConflictException &&
      (await findMapping(lambda, target, eventSourceArn));
    if (!winner) throw error;
    return alignMapping(lambda, winner, settings);
  }
}

async function findMapping(lambda: LambdaClient, target: string, eventSourceArn: string) {
  const { EventSourceMappings = [] } = await lambda.send(
    new ListEventSourceMappingsCommand({ FunctionName: target, EventSourceArn: eventSourceArn }),
  );
  return EventSourceMappings[0];
}

/** Brings an existing mapping's batch settings in line with the manifest. */
async function alignMapping(
  lambda: LambdaClient,
  mapping: EventSourceMappingConfiguration,
  settings: BatchSettings,
): Promise<QueueConsumer> {
  const uuid = mapping.UUID ?? '';
  const same =
    mapping.BatchSize === settings.BatchSize &&
    (mapping.MaximumBatchingWindowInSeconds ?? 0) === settings.MaximumBatchingWindowInSeconds &&
    (mapping.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures');
  if (same) return { uuid, outcome: 'unchanged' };
  await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, ...settings }));
  return { uuid, outcome: 'updated' };
}
