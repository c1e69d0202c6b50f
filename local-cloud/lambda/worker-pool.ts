import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LogSink } from './create-log-sink.ts';
import { readLines } from './read-lines.ts';

/** Everything an execution environment needs to run one version. */
export interface RuntimeSpec {
  codeDir: string;
  handler: string;
  functionName: string;
  functionVersion: string;
  memorySize: number;
  timeoutSeconds: number;
  /** The whole environment the handler sees as `process.env`. */
  env: Record<string, string>;
}

/** Lambda's error payload: what the caller gets with `X-Amz-Function-Error`. */
export interface FunctionErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type InvokeOutcome = { body: string } | { error: FunctionErrorPayload };

export interface InvokeRequest {
  requestId: string;
  /** JSON text of the event. */
  payload: string;
  invokedFunctionArn: string;
}

interface ExecutionEnvironment {
  /** Settles when the worker can take an invoke, or has died trying. */
  readonly ready: Promise<void>;
  invoke(request: InvokeRequest): Promise<InvokeOutcome>;
  terminate(): Promise<number>;
  readonly alive: boolean;
}

// why: resolved from this file so it works the same under tsx, vitest and plain node
const RUNTIME_WORKER = new URL('./runtime-worker.mjs', import.meta.url);

export type WorkerPool = ReturnType<typeof createWorkerPool>;

export interface WorkerPoolOptions {
  maxSize: () => number;
  /**
   * Gets every line the handler writes to stdout or stderr, as Lambda sends them to the
   * function's log. @default this process's own stdout and stderr
   */
  logSink?: LogSink;
}

/**
 * The warm execution environments of one version. Like Lambda, an environment runs one
 * invoke at a time; concurrent invokes start more, up to `maxSize`, and wait beyond it.
 * An environment that times out, exits or runs out of memory is dropped, and the next
 * invoke gets a fresh one: a broken version cannot harm the pool of another.
 *
 * @example
 * const pool = createWorkerPool(spec, { maxSize: () => 16 });
 * const outcome = await pool.run({ requestId, payload: '{}', invokedFunctionArn });
 */
export function createWorkerPool(spec: RuntimeSpec, options: WorkerPoolOptions) {
  const logSink = options.logSink ?? passThrough;
  const idle: ExecutionEnvironment[] = [];
  const all = new Set<ExecutionEnvironment>();
  const waiting: ((env: ExecutionEnvironment) => void)[] = [];
  let starting = 0;
  /** Retired: serves the invokes already waiting, then lets its environments go. */
  let retired = false;
  let stopped = false;

  function takeIdle(): ExecutionEnvironment | undefined {
    let env = idle.pop();
    // why: a warm worker can still die between invokes (a timer that calls process.exit)
    while (env && !env.alive) {
      all.delete(env);
      env = idle.pop();
    }
    return env;
  }

  /**
   * Starts an environment for the waiting invokes, a few at a time. why: a worker takes
   * tens of milliseconds of CPU to boot while a warm one frees up in microseconds, so a
   * burst of quick invokes is served by the first environments instead of booting one each.
   */
  function startMore(): void {
    if (stopped || waiting.length <= starting || starting >= MAX_PARALLEL_STARTS) return;
    if (all.size >= options.maxSize()) return;
    starting += 1;
    const env = startEnvironment(spec, logSink);
    all.add(env);
    env.ready.then(() => {
      starting -= 1;
      if (env.alive) release(env);
      else {
        all.delete(env);
        // why: an environment that died while booting still answers its waiter (ExitError)
        waiting.shift()?.(env);
      }
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
      const env = await acquire();
      try {
        return await env.invoke(request);
      } finally {
        release(env);
      }
    },
    /** Environments running, warm or booting. */
    get size() {
      return all.size;
    },
    /** Stops the warm environments now and the busy ones when their invoke ends. */
    async retire(): Promise<void> {
      retired = true;
      const warm = idle.splice(0);
      for (const env of warm) all.delete(env);
      await Promise.all(warm.map((env) => env.terminate()));
    },
    /** Stops every environment, busy or not. */
    async terminate(): Promise<void> {
      retired = true;
      stopped = true;
      idle.length = 0;
      for (const waiter of waiting.splice(0)) waiter(STOPPED);
      const envs = [...all];
      all.clear();
      await Promise.all(envs.map((env) => env.terminate()));
    },
  };
}

/** Environments booting at once per version; more would only fight over the same cores. */
const MAX_PARALLEL_STARTS = Math.max(2, availableParallelism());

/** Handed to invokes still waiting when the pool is stopped: they get Lambda's ExitError. */
const STOPPED: ExecutionEnvironment = {
  ready: Promise.resolve(),
  alive: false,
  invoke: (request) => Promise.resolve({ error: exitError(request.requestId, 0) }),
  terminate: async () => 0,
};

const passThrough: LogSink = (line, stream) => process[stream].write(`${line}\n`);

function startEnvironment(spec: RuntimeSpec, logSink: LogSink): ExecutionEnvironment {
  const worker = new Worker(RUNTIME_WORKER, {
    workerData: { ...spec, logStreamName: `local/[${spec.functionVersion}]${Date.now()}` },
    env: spec.env,
    // why: Lambda's memory setting caps the heap; a leak kills this worker, not the service
    resourceLimits: { maxOldGenerationSizeMb: spec.memorySize },
    // why: the parent's loaders (tsx, vitest) have no business in a plain-JS runtime
    execArgv: [],
    // why: the handler's output is its log, which the sink reads (metrics in EMF lines)
    stdout: true,
    stderr: true,
  });
  readLines(worker.stdout, (line) => logSink(line, 'stdout'));
  readLines(worker.stderr, (line) => logSink(line, 'stderr'));
  let alive = true;
  let pending: { id: string; settle(outcome: InvokeOutcome): void } | undefined;
  let crash: Error | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  worker.on('message', (message: ({ id: string } & InvokeOutcome) | 'ready') => {
    if (message === 'ready') markReady();
    else if (pending?.id === message.id) pending.settle(message);
  });
  worker.on('error', (error) => {
    crash = error;
  });
  worker.on('exit', (code) => {
    alive = false;
    markReady();
    if (pending) pending.settle({ error: exitError(pending.id, code, crash) });
  });

  return {
    ready,
    get alive() {
      return alive;
    },
    terminate: () => {
      alive = false;
      return worker.terminate();
    },
    invoke(request) {
      if (!alive) return Promise.resolve({ error: exitError(request.requestId, -1, crash) });
      return new Promise<InvokeOutcome>((resolve) => {
        const timer = setTimeout(() => {
          pending?.settle({ error: timeoutError(request.requestId, spec.timeoutSeconds) });
          alive = false;
          void worker.terminate();
        }, spec.timeoutSeconds * 1000);
        pending = {
          id: request.requestId,
          settle(outcome) {
            clearTimeout(timer);
            pending = undefined;
            resolve(outcome);
          },
        };
        worker.postMessage({
          id: request.requestId,
          payload: request.payload,
          invokedFunctionArn: request.invokedFunctionArn,
          deadline: Date.now() + spec.timeoutSeconds * 1000,
        });
      });
    },
  };
}

/** What Lambda answers when an invoke outlives the function's timeout. */
export function timeoutError(requestId: string, timeoutSeconds: number): FunctionErrorPayload {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}

/** What Lambda answers when the runtime process dies during an invoke. */
export function exitError(requestId: string, code: number, crash?: Error): FunctionErrorPayload {
  if ((crash as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return {
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
    };
  }
  return {
    errorType: 'Runtime.ExitError',
    errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: exit status ${code}`,
  };
}
