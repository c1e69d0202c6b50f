import type { LogSink } from './create-log-sink.ts';
import { createEnvironmentPool, type EnvironmentPool } from './environment-pool.ts';
import { launchSpareRuntime } from './process-environment.ts';
import { buildRuntimeEnvironment, type RuntimeEnvironmentOptions } from './runtime-environment.ts';
import { createSpareRuntimes } from './spare-runtimes.ts';
import type { FunctionRecord, FunctionVersion } from './types.ts';

export interface VersionPoolsOptions extends RuntimeEnvironmentOptions {
  /** Environments per version when the function has no reserved concurrency. */
  defaultConcurrency: number;
  /** Where every version's log lines go. @default this process's stdout and stderr */
  logSink?: LogSink;
}

export type VersionPools = ReturnType<typeof createVersionPools>;

/**
 * One environment pool per function version, started on the first invoke and kept warm. A pool
 * is retired when its version stops being current (new `$LATEST` code or configuration,
 * a deleted version), so the next invoke starts from what is stored now, and when no
 * alias routes to its version any more (`retireUnaliased`).
 */
export function createVersionPools(options: VersionPoolsOptions) {
  const pools = new Map<string, EnvironmentPool>();
  /** Retired pools whose busy environments have not finished yet; `stop` ends them too. */
  const retiring = new Set<EnvironmentPool>();
  const spares = createSpareRuntimes(launchSpareRuntime);

  return {
    poolFor(fn: FunctionRecord, version: FunctionVersion): EnvironmentPool {
      const key = `${fn.name}\0${version.config.Version}`;
      let pool = pools.get(key);
      if (!pool) {
        const { config, code } = version;
        const spec = {
          codeDir: code.dir,
          handler: config.Handler,
          functionName: config.FunctionName,
          functionVersion: config.Version,
          memorySize: config.MemorySize,
          timeoutSeconds: config.Timeout,
          env: buildRuntimeEnvironment(version, options),
        };
        pool = createEnvironmentPool(spec, {
          maxSize: () => fn.reservedConcurrency || options.defaultConcurrency,
          logSink: options.logSink,
          spares,
        });
        pools.set(key, pool);
      }
      return pool;
    },
    /** The process ids of the runtimes started ahead, waiting for a function (of `memorySize`, or any). */
    spareRuntimes: (memorySize?: number): number[] => spares.waiting(memorySize),
    /** The versions of a function that have a pool now. */
    versionsOf(functionName: string): string[] {
      const prefix = `${functionName}\0`;
      return [...pools.keys()]
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length));
    },
    retire(functionName: string, version: string): void {
      const key = `${functionName}\0${version}`;
      const pool = pools.get(key);
      if (!pool) return;
      pools.delete(key);
      retiring.add(pool);
      void pool.retire().then(() => {
        if (pool.size === 0) retiring.delete(pool);
      });
    },
    async stop(): Promise<void> {
      const all = [...pools.values(), ...retiring];
      pools.clear();
      retiring.clear();
      await Promise.all([...all.map((pool) => pool.terminate()), spares.stop()]);
    },
  };
}
