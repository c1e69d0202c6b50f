import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Invoke } from './invoke.ts';
import { type SqsPoller, startSqsPoller } from './start-sqs-poller.ts';
import type { EventSourceMappingConfiguration } from './types.ts';

export interface EventSourcePollersOptions {
  /** The mapping as it stands now, or undefined once deleted. */
  find(uuid: string): EventSourceMappingConfiguration | undefined;
  sqs: SQSClient;
  invoke: Invoke;
  clock: { now(): number };
  onError(uuid: string, error: unknown): void;
  /** @default 2 */
  pollersPerMapping?: number;
  /** @default 1 */
  waitTimeSeconds?: number;
  /** @default 1000 */
  backoffMs?: number;
}

export type EventSourcePollers = ReturnType<typeof createEventSourcePollers>;

/**
 * Keeps one poller running for each enabled mapping: `sync` after every change starts
 * it, or stops it when the mapping is disabled or deleted. A running poller reads its
 * mapping every round, so new batch settings or a new function apply without a restart.
 *
 * @example
 * const pollers = createEventSourcePollers({ find: mappings.find, sqs, invoke, clock, onError });
 * pollers.sync(uuid);
 * await pollers.stop();
 */
export function createEventSourcePollers(options: EventSourcePollersOptions) {
  const running = new Map<string, SqsPoller>();
  /** Every poller whose loops have not ended yet, running or stopping. */
  const alive = new Set<SqsPoller>();
  let stopped = false;

  function start(uuid: string): SqsPoller {
    const poller = startSqsPoller({
      mapping: () => options.find(uuid),
      sqs: options.sqs,
      invoke: options.invoke,
      clock: options.clock,
      onError: (error) => options.onError(uuid, error),
      concurrency: options.pollersPerMapping ?? 2,
      waitTimeSeconds: options.waitTimeSeconds ?? 1,
      backoffMs: options.backoffMs ?? 1000,
    });
    alive.add(poller);
    void poller.done.then(() => {
      alive.delete(poller);
      if (running.get(uuid) === poller) running.delete(uuid);
    });
    return poller;
  }

  return {
    /** Brings the poller of `uuid` in line with its mapping. */
    sync(uuid: string): void {
      if (stopped) return;
      const wanted = options.find(uuid)?.State === 'Enabled';
      const poller = running.get(uuid);
      if (wanted && !poller) running.set(uuid, start(uuid));
      if (!wanted && poller) {
        running.delete(uuid);
        void poller.stop();
      }
    },
    /** Pollers whose loops are still running (stopping ones included). */
    get active(): number {
      return alive.size;
    },
    /** Aborts every poller's receive and waits for its loops to end. */
    async stop(): Promise<void> {
      stopped = true;
      running.clear();
      await Promise.all([...alive].map((poller) => poller.stop()));
    },
  };
}
