import type { SupergraphGeneration } from '../../contracts/registry.ts';
import { GenerationLoadError } from '../errors.ts';
import type { Logger } from '../types.ts';

export interface GenerationSource {
  /** The newest generation in full, or the newest one older than `before`. */
  load(options?: { before?: number }): Promise<SupergraphGeneration | undefined>;
  /** The newest generation's number only (cheap; polled). */
  peekNewest(): Promise<number | undefined>;
}

export interface GenerationWatcherOptions<T> {
  source: GenerationSource;
  /** Turns a generation into what serves requests; throws when it cannot. */
  build(generation: SupergraphGeneration): T | Promise<T>;
  logger: Logger;
  /** @default 5000 */
  pollIntervalMs?: number;
  /** At start, how many older generations to try when the newest ones are broken. @default 3 */
  fallbackDepth?: number;
}

export interface GenerationWatcher<T> {
  /** Loads the newest good generation and begins polling. */
  start(): Promise<void>;
  /** What serves now, or undefined before any generation loaded. */
  current(): Served<T> | undefined;
  /** Checks for a newer generation now; true when it swapped. */
  refresh(): Promise<boolean>;
  /** Whether the latest read of the registry (at start, a poll or a refresh) succeeded. */
  registryReadable(): boolean;
  stop(): void;
}

export interface Served<T> {
  generation: number;
  value: T;
}

/**
 * Keeps the gateway on the newest good generation: loads it at start, polls for a newer
 * one, swaps without a restart, and keeps serving the last good one when a newer one
 * fails to load or build (logged once, then skipped until a still newer one appears).
 *
 * @example
 * const watcher = createGenerationWatcher({ source, build: buildGatewayGeneration, logger });
 * await watcher.start();
 */
export function createGenerationWatcher<T>(
  options: GenerationWatcherOptions<T>,
): GenerationWatcher<T> {
  const { build, logger } = options;
  // Every read records whether it worked: the liveness route reports a registry the
  // gateway cannot read, even while it still serves the generation it holds.
  let lastReadFailed = false;
  const recorded = async <R>(read: () => Promise<R>): Promise<R> => {
    try {
      const result = await read();
      lastReadFailed = false;
      return result;
    } catch (error) {
      // A generation that does not load was read all the same: the registry answered.
      lastReadFailed = !(error instanceof GenerationLoadError && error.generation !== undefined);
      throw error;
    }
  };
  const source: GenerationSource = {
    load: (loadOptions) => recorded(() => options.source.load(loadOptions)),
    peekNewest: () => recorded(() => options.source.peekNewest()),
  };
  const pollIntervalMs = options.pollIntervalMs ?? 5000;
  let current: Served<T> | undefined;
  const failed = new Set<number>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const markFailed = (generation: number, error: unknown) => {
    failed.add(generation);
    logger.error('generation failed to load or build; keeping the last good one', {
      generation,
      serving: current?.generation,
      error,
    });
  };

  /** Loads and builds the newest generation (older than `before`, if given). */
  const tryLoad = async (before?: number): Promise<{ swapped: boolean; tried?: number }> => {
    let generation: SupergraphGeneration | undefined;
    try {
      generation = await source.load(before === undefined ? {} : { before });
    } catch (error) {
      // A registry that cannot be reached says nothing about the generation: retry later.
      if (!(error instanceof GenerationLoadError) || error.generation === undefined) throw error;
      markFailed(error.generation, error);
      return { swapped: false, tried: error.generation };
    }
    if (!generation) return { swapped: false };
    const tried = generation.generation;
    if (failed.has(tried) || (current && tried <= current.generation))
      return { swapped: false, tried };
    try {
      const value = await build(generation);
      // Another load may have swapped in this generation or a newer one meanwhile.
      if (current && tried <= current.generation) return { swapped: false, tried };
      logger.info('gateway serves a new generation', {
        generation: tried,
        previous: current?.generation,
      });
      current = { generation: tried, value };
      return { swapped: true, tried };
    } catch (error) {
      markFailed(tried, error);
      return { swapped: false, tried };
    }
  };

  const refresh = async (): Promise<boolean> => {
    const newest = await source.peekNewest();
    if (newest === undefined || failed.has(newest)) return false;
    if (current && newest <= current.generation) return false;
    return (await tryLoad()).swapped;
  };

  const start = async () => {
    stopped = false;
    try {
      // A broken newest generation at cold start: fall back to the ones before it.
      let before: number | undefined;
      for (let tries = 0; tries <= (options.fallbackDepth ?? 3); tries++) {
        const { swapped, tried } = await tryLoad(before);
        if (swapped || tried === undefined) break;
        before = tried;
      }
    } finally {
      poll();
    }
  };

  const poll = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        await refresh();
      } catch (error) {
        logger.error('registry poll failed; keeping the current generation', {
          serving: current?.generation,
          error,
        });
      }
      poll();
    }, pollIntervalMs);
    timer.unref();
  };

  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };

  return {
    start,
    current: () => current,
    refresh,
    registryReadable: () => !lastReadFailed,
    stop,
  };
}
