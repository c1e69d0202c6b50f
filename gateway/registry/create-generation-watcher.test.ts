import { describe, expect, it, vi } from 'vitest';
import type { SupergraphGeneration } from '../../contracts/registry.ts';
import { silentLogger } from '../create-json-logger.ts';
import { GenerationLoadError } from '../errors.ts';
import { generationOf } from '../testing/fake-modules.ts';
import { createGenerationWatcher, type GenerationSource } from './create-generation-watcher.ts';

/** A registry in memory; a generation marked broken fails to build. */
function registry(...numbers: number[]) {
  const generations = numbers.map((n) => generationOf(n, []));
  const source: GenerationSource = {
    load: async ({ before } = {}) =>
      [...generations].reverse().find((g) => before === undefined || g.generation < before),
    peekNewest: async () => generations.at(-1)?.generation,
  };
  return { source, add: (n: number) => generations.push(generationOf(n, [])) };
}

const build = (broken: number[]) => (generation: SupergraphGeneration) => {
  if (broken.includes(generation.generation))
    throw new GenerationLoadError('broken', { generation: generation.generation });
  return `built ${generation.generation}`;
};

describe('createGenerationWatcher', () => {
  it('loads the newest generation at start and swaps to a newer one on refresh', async () => {
    const { source, add } = registry(1, 2);
    const watcher = createGenerationWatcher({ source, build: build([]), logger: silentLogger });
    await watcher.start();
    expect(watcher.current()).toEqual({ generation: 2, value: 'built 2' });
    expect(await watcher.refresh()).toBe(false);
    add(3);
    expect(await watcher.refresh()).toBe(true);
    expect(watcher.current()?.generation).toBe(3);
    watcher.stop();
  });

  it('keeps the last good generation when a newer one fails, and does not retry it', async () => {
    const { source, add } = registry(1);
    let builds = 0;
    const counting = (g: SupergraphGeneration) => {
      builds += 1;
      return build([2])(g);
    };
    const watcher = createGenerationWatcher({ source, build: counting, logger: silentLogger });
    await watcher.start();
    add(2);
    expect(await watcher.refresh()).toBe(false);
    expect(await watcher.refresh()).toBe(false);
    expect(watcher.current()?.generation).toBe(1);
    expect(builds).toBe(2);
    add(3);
    expect(await watcher.refresh()).toBe(true);
    watcher.stop();
  });

  it('falls back to an older generation when the newest is broken at start', async () => {
    const { source } = registry(1, 2, 3);
    const watcher = createGenerationWatcher({ source, build: build([3, 2]), logger: silentLogger });
    await watcher.start();
    expect(watcher.current()?.generation).toBe(1);
    watcher.stop();
  });

  it('polls on its own: a new generation is served within one interval', async () => {
    // A fake clock: how soon on a real one depends on how busy the machine is.
    vi.useFakeTimers();
    try {
      const { source, add } = registry(1);
      const watcher = createGenerationWatcher({
        source,
        build: build([]),
        logger: silentLogger,
        pollIntervalMs: 1_000,
      });
      await watcher.start();
      add(2);
      await vi.advanceTimersByTimeAsync(999);
      expect(watcher.current()?.generation).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(watcher.current()?.generation).toBe(2);
      add(3);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(watcher.current()?.generation).toBe(3);
      watcher.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the registry is unreadable after a read fails, and readable again after one works', async () => {
    const { source } = registry(1);
    let down = false;
    const flaky: GenerationSource = {
      load: (options) => source.load(options),
      peekNewest: () =>
        down ? Promise.reject(new Error('connect ECONNREFUSED')) : source.peekNewest(),
    };
    const watcher = createGenerationWatcher({
      source: flaky,
      build: build([]),
      logger: silentLogger,
    });
    await watcher.start();
    expect(watcher.registryReadable()).toBe(true);
    down = true;
    await expect(watcher.refresh()).rejects.toThrow('ECONNREFUSED');
    expect(watcher.registryReadable()).toBe(false);
    expect(watcher.current()?.generation).toBe(1);
    down = false;
    await watcher.refresh();
    expect(watcher.registryReadable()).toBe(true);
    watcher.stop();
  });

  it('counts a generation that does not build as a registry read that worked', async () => {
    const { source, add } = registry(1);
    const watcher = createGenerationWatcher({ source, build: build([2]), logger: silentLogger });
    await watcher.start();
    add(2);
    await watcher.refresh();
    expect(watcher.registryReadable()).toBe(true);
    watcher.stop();
  });
});
