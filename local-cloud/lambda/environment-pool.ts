import { availableParallelism } from 'node:os';
import { type LogSink, labelLogLine } from './create-log-sink.ts';
import { exitError } from './function-errors.ts';
import {
  EnvironmentGoneError,
  type ExecutionEnvironment,
  type InvokeOutcome,
  type InvokeRequest,
  type RuntimeSpec,
  startProcessEnvironment,
} from './process-environment.ts';
import type { SpareRuntimes } from './spare-runtimes.ts';

export type EnvironmentPool = ReturnType<typeof createEnvironmentPool>;

export interface EnvironmentPoolOptions {
  maxSize: () => number;
  /**
   * Gets every line the handler writes to stdout or stderr, as Lambda sends them to the
   * function's log. @default this process's own stdout and stderr
   */
  logSink?: LogSink;
  /** Runtime processes booted ahead, which new environments start from when they can. */
  spares?: SpareRuntimes;
}

/**
 * The warm execution environments of one version, each a process of its own
 * (`startProcessEnvironment`). Like Lambda, an environment runs one invoke at a time;
 * concurrent invokes start more, up to `maxSize`, and wait beyond it. An environment that
 * times out, exits, is killed or runs out of memory is dropped, and the next invoke gets a
 * fresh one: a broken version cannot harm another, nor the process that runs the pools.
 *
 * @example
 * const pool = createEnvironmentPool(spec, { maxSize: () => 16 });
 * const outcome = await pool.run({ requestId, payload: '{}', invokedFunctionArn });
 */
export function createEnvironmentPool(spec: RuntimeSpec, options: EnvironmentPoolOptions) {
  const logSink = options.logSink ?? passThrough;
  const idle: ExecutionEnvironment[] = [];
  const all = new Set<ExecutionEnvironment>();
  const waiting: ((env: ExecutionEnvironment) => void)[] = [];
  let starting = 0;
  /** Retired: serves the invokes already waiting, then lets its environments go. */
  let retired = false;
  let stopped = false;
  /** Environments to keep initialised even with no invoke waiting (provisioned concurrency). */
  let provisioned = 0;
  /** Told each time an environment finishes its init, for provisioning's progress. */
  const onInitialised = new Set<() => void>();
  let scaleUpTimer: NodeJS.Timeout | undefined;

  function takeIdle(): ExecutionEnvironment | undefined {
    let env = idle.pop();
    // why: a warm environment can still die between invokes (a timer that calls process.exit)
    while (env && !env.alive) {
      all.delete(env);
      env = idle.pop();
    }
    return env;
  }

  /**
   * Starts an environment for the waiting invokes (or the provisioned count), a few at a
   * time. why: a runtime process takes tens of milliseconds of CPU to boot while a warm one
   * frees up in microseconds, so a burst of quick invokes is served by the first
   * environments instead of booting one each. So beyond the first (and the provisioned
   * ones), an environment starts only for invokes still waiting after `SCALE_UP_DELAY_MS`.
   */
  function startMore(): void {
    const shortOfProvisioned = provisioned - all.size > 0;
    if (!shortOfProvisioned && waiting.length <= starting) return;
    if (stopped || starting >= MAX_PARALLEL_STARTS || all.size >= options.maxSize()) return;
    if (all.size === 0 || shortOfProvisioned) {
      startOne();
      return;
    }
    scaleUpTimer ??= setTimeout(() => {
      scaleUpTimer = undefined;
      if (stopped || waiting.length <= starting || all.size >= options.maxSize()) return;
      startOne();
      startMore();
    }, SCALE_UP_DELAY_MS);
  }

  function startOne(): void {
    starting += 1;
    const env = startProcessEnvironment(spec, logSink, options.spares);
    all.add(env);
    env.ready.then(() => {
      starting -= 1;
      if (env.alive) release(env);
      else {
        all.delete(env);
        // why: a version whose init fails would otherwise be restarted for ever to provision it
        provisioned = 0;
        // why: an environment that died while booting still answers its waiter (ExitError)
        waiting.shift()?.(env);
      }
      for (const listener of onInitialised) listener();
      startMore();
    });
  }

  function release(env: ExecutionEnvironment): void {
    if (!env.alive) {
      all.delete(env);
      startMore();
      return;
    }
    const next = waiting.shift();
    if (next) next(env);
    else if (!retired) idle.push(env);
    else {
      all.delete(env);
      void env.terminate();
    }
  }

  function acquire(): ExecutionEnvironment | Promise<ExecutionEnvironment> {
    const env = takeIdle();
    if (env) return env;
    return new Promise((resolve) => {
      waiting.push(resolve);
      startMore();
    });
  }

  return {
    async run(request: InvokeRequest): Promise<InvokeOutcome> {
      for (;;) {
        const env = await acquire();
        try {
          return await env.invoke(request);
        } catch (error) {
          // why: the event never reached that runtime, so it runs on the next environment
          if (!(error instanceof EnvironmentGoneError)) throw error;
        } finally {
          release(env);
        }
      }
    },
    /** Environments running, warm or booting. */
    get size() {
      return all.size;
    },
    /** Warm environments waiting for an invoke. */
    get idleCount() {
      return idle.filter((env) => env.alive).length;
    },
    /**
     * Keeps `count` environments initialised whether invokes come or not, as provisioned
     * concurrency does: starts them now, and settles true when that many are warm, false
     * when one failed its init (the next invoke reports why) or the pool was stopped.
     */
    provision(count: number): Promise<boolean> {
      provisioned = Math.min(count, options.maxSize());
      const wanted = provisioned;
      const done = () => all.size - starting >= provisioned || stopped;
      const outcome = () => !stopped && provisioned === wanted;
      for (let i = 0; i < provisioned; i++) startMore();
      if (done()) return Promise.resolve(outcome());
      return new Promise((resolve) => {
        const check = () => {
          if (!done()) return;
          onInitialised.delete(check);
          resolve(outcome());
        };
        onInitialised.add(check);
      });
    },
    /** Stops the warm environments now and the busy ones when their invoke ends. */
    async retire(): Promise<void> {
      retired = true;
      provisioned = 0;
      for (const listener of onInitialised) listener();
      const warm = idle.splice(0);
      for (const env of warm) all.delete(env);
      await Promise.all(warm.map((env) => env.terminate()));
    },
    /** Stops every environment, busy or not. */
    async terminate(): Promise<void> {
      retired = true;
      stopped = true;
      clearTimeout(scaleUpTimer);
      provisioned = 0;
      for (const listener of onInitialised) listener();
      idle.length = 0;
      for (const waiter of waiting.splice(0)) waiter(STOPPED);
      const envs = [...all];
      all.clear();
      await Promise.all(envs.map((env) => env.terminate()));
    },
  };
}

/** How long invokes wait for a busy environment before another one is started for them. */
const SCALE_UP_DELAY_MS = 10;

/** Environments booting at once per version; more would only fight over the same cores. */
const MAX_PARALLEL_STARTS = Math.max(2, availableParallelism());

/** Handed to invokes still waiting when the pool is stopped: they get Lambda's ExitError. */
const STOPPED: ExecutionEnvironment = {
  ready: Promise.resolve(),
  alive: false,
  invoke: (request) =>
    Promise.resolve({ error: exitError(request.requestId, { code: 0, signal: null }) }),
  terminate: async () => {},
};

const passThrough: LogSink = (line, stream, source) =>
  process[stream].write(`${labelLogLine(line, source)}\n`);
