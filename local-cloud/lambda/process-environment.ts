import { type ChildProcess, spawn } from 'node:child_process';
import type { LogSink } from './create-log-sink.ts';
import {
  exitError,
  type FunctionErrorPayload,
  type RuntimeExit,
  timeoutError,
} from './function-errors.ts';
import { readLines } from './read-lines.ts';
import { type RuntimeApi, type RuntimeResult, startRuntimeApi } from './runtime-api.ts';
import { RUNTIME_LANG } from './runtime-environment.ts';
import type { SpareRuntimes } from './spare-runtimes.ts';
import { watchMemory } from './watch-memory.ts';

/**
 * The runtime ended before it took the event it was sent (it was exiting after a crash
 * it had already reported): the event never ran, so another environment can run it.
 */
export class EnvironmentGoneError extends Error {
  override name = 'EnvironmentGoneError';
}

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

export type InvokeOutcome = RuntimeResult;

export interface InvokeRequest {
  requestId: string;
  /** JSON text of the event. */
  payload: string;
  invokedFunctionArn: string;
}

/** One execution environment: a runtime that takes one invoke at a time while it lives. */
export interface ExecutionEnvironment {
  /** Settles when the runtime has finished its init and can take an invoke, or has died. */
  readonly ready: Promise<void>;
  /** Rejects with `EnvironmentGoneError` only when the event never reached the runtime. */
  invoke(request: InvokeRequest): Promise<InvokeOutcome>;
  terminate(): Promise<void>;
  readonly alive: boolean;
}

// why: resolved from this file so it works the same under tsx, vitest and plain node
const NODE_RUNTIME = new URL('./node-runtime.mjs', import.meta.url).pathname;

/**
 * How long a runtime may take to import its handler before its invoke times out. Lambda
 * allows 10 s on a core of its own; here environments boot side by side on a shared
 * machine (ten at once when `turnout dev` starts), and at a load average of 30 a bundle's
 * import took longer than 10 s, so the limit only catches an init that never ends.
 */
const INIT_LIMIT_SECONDS = 60;

/** Node's last words when its heap limit is hit. */
const HEAP_EXHAUSTED = /JavaScript heap out of memory|Reached heap limit/;

/**
 * Starts an execution environment as Lambda runs one: a process of its own (the Node
 * runtime in node-runtime.mjs) that speaks the Runtime API to a server of this process,
 * so whatever the handler does (exit, kill itself, abort, crash, eat memory) ends only
 * that process. Memory is enforced on the whole process: its resident set is watched and
 * the process is killed past `MemorySize`, with the heap capped at the same size too.
 *
 * @example
 * const env = startProcessEnvironment(spec, logSink);
 * await env.ready;
 * const outcome = await env.invoke({ requestId, payload: '{}', invokedFunctionArn });
 */
export function startProcessEnvironment(
  spec: RuntimeSpec,
  logSink: LogSink,
  spares?: SpareRuntimes,
): ExecutionEnvironment {
  const state = {
    alive: true,
    outOfMemory: false,
    initFailure: undefined as ((requestId: string) => FunctionErrorPayload) | undefined,
    exit: undefined as RuntimeExit | undefined,
    pending: undefined as
      | { id: string; settle(outcome: InvokeOutcome): void; fail(error: Error): void }
      | undefined,
  };
  let child: ChildProcess | undefined;
  let api: RuntimeApi | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const exited = new Promise<void>((resolve) => {
    const end = (exit: RuntimeExit) => {
      if (state.exit) return;
      state.exit = { ...exit, outOfMemory: state.outOfMemory };
      state.alive = false;
      api?.close();
      markReady();
      const failed = state.pending;
      if (failed && api?.delivered === false) failed.fail(new EnvironmentGoneError());
      else if (failed) failed.settle({ error: failureOf(failed.id) });
      resolve();
    };
    startRuntimeApi({
      onNext: markReady,
      onResult(requestId, result) {
        if (state.pending?.id === requestId) state.pending.settle(result);
      },
      onInitError(error) {
        state.initFailure = () => error;
      },
    }).then(
      (started) => {
        api = started;
        if (!state.alive) return started.close();
        child = spawnRuntime(spec, started.address, logSink, state, spares);
        // why 'close', not 'exit': it comes after the last stderr line, which may say the heap ran out
        child.once('close', (code, signal) => end({ code, signal }));
        child.once('error', () => end({ code: 127, signal: null }));
        const memory = watchMemory(child.pid ?? 0, spec.memorySize, () => {
          state.outOfMemory = true;
          child?.kill('SIGKILL');
        });
        void exited.then(() => memory.stop());
      },
      () => end({ code: 1, signal: null }),
    );
  });
  const initTimer = setTimeout(() => {
    state.initFailure = (id) => timeoutError(id, INIT_LIMIT_SECONDS);
    void terminate();
  }, INIT_LIMIT_SECONDS * 1000);
  void ready.then(() => clearTimeout(initTimer));

  function failureOf(requestId: string): FunctionErrorPayload {
    if (state.initFailure) return state.initFailure(requestId);
    return exitError(requestId, state.exit ?? { code: -1, signal: null });
  }

  async function terminate(): Promise<void> {
    state.alive = false;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    else if (!child) api?.close();
    markReady();
    if (child) await exited;
  }

  return {
    ready,
    get alive() {
      return state.alive;
    },
    terminate,
    invoke(request) {
      if (!state.alive || !api) return Promise.resolve({ error: failureOf(request.requestId) });
      const runtime = api;
      return new Promise<InvokeOutcome>((resolve, reject) => {
        const timer = setTimeout(() => {
          state.pending?.settle({ error: timeoutError(request.requestId, spec.timeoutSeconds) });
          void terminate();
        }, spec.timeoutSeconds * 1000);
        state.pending = {
          id: request.requestId,
          settle(outcome) {
            clearTimeout(timer);
            state.pending = undefined;
            resolve(outcome);
          },
          fail(error) {
            clearTimeout(timer);
            state.pending = undefined;
            reject(error);
          },
        };
        runtime.send({
          requestId: request.requestId,
          payload: request.payload,
          invokedFunctionArn: request.invokedFunctionArn,
          deadlineMs: Date.now() + spec.timeoutSeconds * 1000,
        });
      });
    },
  };
}

function spawnRuntime(
  spec: RuntimeSpec,
  runtimeApi: string,
  logSink: LogSink,
  state: { outOfMemory: boolean },
  spares: SpareRuntimes | undefined,
): ChildProcess {
  const env = {
    ...spec.env,
    // why here too: the runtime reads what to run from these, as Lambda's runtimes do
    _HANDLER: spec.handler,
    LAMBDA_TASK_ROOT: spec.codeDir,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: spec.functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.functionName}`,
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    AWS_LAMBDA_LOG_STREAM_NAME: `local/[${spec.functionVersion}]${Date.now()}`,
  };
  const spare = spares?.take(spec.memorySize, env);
  // A spare becomes this function's environment: one line on its stdin (node-runtime.mjs).
  spare?.stdin?.end(`${JSON.stringify({ env, cwd: spec.codeDir })}\n`);
  const child =
    spare ??
    spawn(process.execPath, runtimeArgs(spec.memorySize), {
      cwd: spec.codeDir,
      env,
      // why: the handler's output is its log, which the sink reads (metrics in EMF lines)
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const source = { functionName: spec.functionName, functionVersion: spec.functionVersion };
  if (child.stdout) readLines(child.stdout, (line) => logSink(line, 'stdout', source));
  if (child.stderr) {
    readLines(child.stderr, (line) => {
      if (HEAP_EXHAUSTED.test(line)) state.outOfMemory = true;
      logSink(line, 'stderr', source);
    });
  }
  return child;
}

// why: Lambda's memory setting caps the heap too, so V8 collects before the process is killed
const runtimeArgs = (memorySize: number) => [`--max-old-space-size=${memorySize}`, NODE_RUNTIME];

/**
 * A runtime process booted ahead of any function (`createSpareRuntimes`): it waits on its
 * stdin for the environment it is to become, with nothing of this process's environment.
 */
export function launchSpareRuntime(memorySize: number): ChildProcess {
  return spawn(process.execPath, runtimeArgs(memorySize), {
    env: {
      ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
      LANG: RUNTIME_LANG,
      TURNOUT_SPARE_RUNTIME: '1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}
