import { randomUUID } from 'node:crypto';
import {
  InvalidParameterValueError,
  ResourceConflictError,
  ResourceNotFoundError,
} from './errors.ts';
import type { FunctionsStore } from './functions-store.ts';
import { parseFunctionName } from './parse-function-name.ts';
import { parseSqsArn } from './parse-sqs-arn.ts';
import type { EventSourceMappingConfiguration } from './types.ts';

/** The settings a mapping's create and update calls share. */
export interface EventSourceMappingSettings {
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
  ScalingConfig?: { MaximumConcurrency?: number };
  Enabled?: boolean;
  /** Not emulated: a request that sets it is refused rather than silently unfiltered. */
  FilterCriteria?: unknown;
}

export interface CreateEventSourceMappingInput extends EventSourceMappingSettings {
  /** A name, `name:alias`, `name:version` or an ARN; the poller invokes exactly that. */
  FunctionName: string;
  EventSourceArn: string;
}

export interface UpdateEventSourceMappingInput extends EventSourceMappingSettings {
  FunctionName?: string;
}

/** What the mapping rules need to know about a queue. */
export interface QueueFacts {
  visibilityTimeoutSeconds: number;
}

export interface EventSourceMappingsOptions {
  functions: FunctionsStore;
  region: string;
  accountId: string;
  clock: { now(): number };
  /** Looks the queue up in SQS; rejects with a Lambda API error when it cannot. */
  inspectQueue(eventSourceArn: string): Promise<QueueFacts>;
  /** Told after every change, so the pollers start, stop or pick up new settings. */
  onChanged(uuid: string): void;
}

export type EventSourceMappings = ReturnType<typeof createEventSourceMappings>;

/** Lambda's SQS defaults and limits. */
const SQS_LIMITS = {
  defaultBatchSize: 10,
  maxBatchSize: 10_000,
  maxFifoBatchSize: 10,
  maxBatchingWindowSeconds: 300,
  minConcurrency: 2,
  maxConcurrency: 1000,
};

/**
 * The SQS event source mappings of the local Lambda, with Lambda's rules: a known
 * function (and alias or version), one mapping per queue and function, batch sizes and
 * windows in range, a queue whose visibility timeout covers the function's timeout.
 * Changes settle at once, but each call answers with the transitional `State` Lambda
 * answers with (`Creating`, `Updating`, `Deleting`...), so code written here also works
 * against AWS, where those states last a few seconds.
 *
 * @example
 * const mappings = createEventSourceMappings({ functions, region, accountId, clock, inspectQueue, onChanged });
 * await mappings.create({ FunctionName: 'turnout-message:live', EventSourceArn: queueArn });
 */
export function createEventSourceMappings(options: EventSourceMappingsOptions) {
  const mappings = new Map<string, EventSourceMappingConfiguration>();
  const { functions, clock } = options;

  function get(uuid: string): EventSourceMappingConfiguration {
    const mapping = mappings.get(uuid);
    if (!mapping) {
      throw new ResourceNotFoundError(
        `The resource you requested does not exist: event source mapping ${uuid}`,
      );
    }
    return mapping;
  }

  /** The function ARN a `FunctionName` names, checked to exist. */
  function resolveFunction(functionName: string) {
    const { name, qualifier } = parseFunctionName(functionName);
    const version = functions.getVersion(name, qualifier);
    const fn = functions.get(name);
    return { arn: qualifier ? `${fn.arn}:${qualifier}` : fn.arn, timeout: version.config.Timeout };
  }

  function refuseDuplicate(eventSourceArn: string, functionArn: string, except?: string) {
    for (const mapping of mappings.values()) {
      if (mapping.UUID === except) continue;
      if (mapping.EventSourceArn !== eventSourceArn || mapping.FunctionArn !== functionArn)
        continue;
      throw new ResourceConflictError(
        `An event source mapping with SQS arn (" ${eventSourceArn} ") and function (" ${functionArn} ") already exists. Please update or delete the existing mapping with UUID ${mapping.UUID}`,
      );
    }
  }

  async function checkVisibilityTimeout(eventSourceArn: string, functionTimeout: number) {
    const { visibilityTimeoutSeconds } = await options.inspectQueue(eventSourceArn);
    // why: a shorter visibility timeout hands a message to a second invoke while the first runs
    if (visibilityTimeoutSeconds < functionTimeout) {
      throw new InvalidParameterValueError(
        `Queue visibility timeout: ${visibilityTimeoutSeconds} seconds is less than Function timeout: ${functionTimeout} seconds`,
      );
    }
  }

  function save(mapping: EventSourceMappingConfiguration) {
    mappings.set(mapping.UUID, mapping);
    options.onChanged(mapping.UUID);
  }

  async function create(input: CreateEventSourceMappingInput) {
    const queue = parseSqsArn(input.EventSourceArn);
    const target = resolveFunction(requireFunctionName(input.FunctionName));
    const settings = normalizeSettings(input, undefined, queue.fifo);
    refuseDuplicate(input.EventSourceArn, target.arn);
    await checkVisibilityTimeout(input.EventSourceArn, target.timeout);
    // why: another create may have won while the queue was being looked up
    refuseDuplicate(input.EventSourceArn, target.arn);
    const uuid = randomUUID();
    const mapping: EventSourceMappingConfiguration = {
      UUID: uuid,
      EventSourceMappingArn: `arn:aws:lambda:${options.region}:${options.accountId}:event-source-mapping:${uuid}`,
      EventSourceArn: input.EventSourceArn,
      FunctionArn: target.arn,
      ...settings,
      LastModified: clock.now() / 1000,
      StateTransitionReason: 'USER_INITIATED',
    };
    save(mapping);
    return { ...mapping, State: 'Creating' as const };
  }

  async function update(uuid: string, input: UpdateEventSourceMappingInput) {
    const current = get(uuid);
    const settings = normalizeSettings(input, current, parseSqsArn(current.EventSourceArn).fifo);
    let functionArn = current.FunctionArn;
    if (input.FunctionName) {
      const target = resolveFunction(input.FunctionName);
      refuseDuplicate(current.EventSourceArn, target.arn, uuid);
      await checkVisibilityTimeout(current.EventSourceArn, target.timeout);
      functionArn = target.arn;
    }
    const next = { ...get(uuid), ...settings, FunctionArn: functionArn };
    next.LastModified = clock.now() / 1000;
    save(next);
    return { ...next, State: transitionalState(current, next) };
  }

  function remove(uuid: string) {
    const mapping = get(uuid);
    mappings.delete(uuid);
    options.onChanged(uuid);
    return { ...mapping, State: 'Deleting' as const };
  }

  /** Mappings matching both filters; a `FunctionName` filter matches the ARN it names exactly. */
  function list(filter: { EventSourceArn?: string; FunctionName?: string } = {}) {
    const functionArn = filter.FunctionName ? functionArnOf(filter.FunctionName) : undefined;
    return [...mappings.values()].filter(
      (mapping) =>
        (!filter.EventSourceArn || mapping.EventSourceArn === filter.EventSourceArn) &&
        (!functionArn || mapping.FunctionArn === functionArn),
    );
  }

  function functionArnOf(functionName: string): string {
    const { name, qualifier } = parseFunctionName(functionName);
    const arn = `arn:aws:lambda:${options.region}:${options.accountId}:function:${name}`;
    return qualifier ? `${arn}:${qualifier}` : arn;
  }

  return {
    create,
    get,
    update,
    delete: remove,
    list,
    /** The mapping as it stands now, or undefined once deleted: what a poller reads each round. */
    find: (uuid: string) => mappings.get(uuid),
  };
}

function requireFunctionName(functionName: string | undefined): string {
  if (!functionName) throw new InvalidParameterValueError('FunctionName is required');
  return functionName;
}

type Settings = Pick<
  EventSourceMappingConfiguration,
  | 'BatchSize'
  | 'MaximumBatchingWindowInSeconds'
  | 'FunctionResponseTypes'
  | 'ScalingConfig'
  | 'State'
>;

/** Applies `input` over `current` (or Lambda's defaults) and checks the result. */
function normalizeSettings(
  input: EventSourceMappingSettings,
  current: EventSourceMappingConfiguration | undefined,
  fifo: boolean,
): Settings {
  if (input.FilterCriteria !== undefined) {
    throw new InvalidParameterValueError(
      'FilterCriteria is not supported by the local Lambda: filter in the handler instead',
    );
  }
  const enabled = input.Enabled ?? (current ? current.State === 'Enabled' : true);
  const settings: Settings = {
    BatchSize: input.BatchSize ?? current?.BatchSize ?? SQS_LIMITS.defaultBatchSize,
    MaximumBatchingWindowInSeconds:
      input.MaximumBatchingWindowInSeconds ?? current?.MaximumBatchingWindowInSeconds ?? 0,
    FunctionResponseTypes: checkResponseTypes(
      input.FunctionResponseTypes ?? current?.FunctionResponseTypes ?? [],
    ),
    ...scalingConfigOf(input.ScalingConfig ?? current?.ScalingConfig),
    State: enabled ? 'Enabled' : 'Disabled',
  };
  checkBatching(settings, fifo);
  return settings;
}

function checkBatching(settings: Settings, fifo: boolean): void {
  const { BatchSize: size, MaximumBatchingWindowInSeconds: window } = settings;
  const max = fifo ? SQS_LIMITS.maxFifoBatchSize : SQS_LIMITS.maxBatchSize;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new InvalidParameterValueError(
      `BatchSize ${size} is out of range: an SQS ${fifo ? 'FIFO' : 'standard'} queue takes 1 to ${max}`,
    );
  }
  if (!Number.isInteger(window) || window < 0 || window > SQS_LIMITS.maxBatchingWindowSeconds) {
    throw new InvalidParameterValueError(
      `MaximumBatchingWindowInSeconds ${window} is out of range: use 0 to ${SQS_LIMITS.maxBatchingWindowSeconds}`,
    );
  }
  if (fifo && window > 0) {
    throw new InvalidParameterValueError('Batching window is not supported for FIFO queues');
  }
  if (size > 10 && window === 0) {
    throw new InvalidParameterValueError(
      'Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10',
    );
  }
}

function checkResponseTypes(types: string[]): 'ReportBatchItemFailures'[] {
  for (const type of types) {
    if (type !== 'ReportBatchItemFailures') {
      throw new InvalidParameterValueError(
        `Invalid FunctionResponseTypes value ${type}: the only value is ReportBatchItemFailures`,
      );
    }
  }
  return [...new Set(types)] as 'ReportBatchItemFailures'[];
}

function scalingConfigOf(config: { MaximumConcurrency?: number } | undefined) {
  const concurrency = config?.MaximumConcurrency;
  if (concurrency === undefined) return {};
  const { minConcurrency: min, maxConcurrency: max } = SQS_LIMITS;
  if (!Number.isInteger(concurrency) || concurrency < min || concurrency > max) {
    throw new InvalidParameterValueError(
      `ScalingConfig.MaximumConcurrency ${concurrency} is out of range: use ${min} to ${max}`,
    );
  }
  return { ScalingConfig: { MaximumConcurrency: concurrency } };
}

/** The state Lambda answers an update with, before the change settles. */
function transitionalState(
  before: EventSourceMappingConfiguration,
  after: EventSourceMappingConfiguration,
) {
  if (before.State === after.State) return 'Updating' as const;
  return after.State === 'Enabled' ? ('Enabling' as const) : ('Disabling' as const);
}
