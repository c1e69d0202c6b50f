import type { ChildProcess } from 'node:child_process';
import { RUNTIME_LANG } from './runtime-environment.ts';

export interface SpareRuntimes {
  /**
   * A booted runtime process for `memorySize`, waiting for its function, or undefined
   * when none is there or `env` changes how Node itself starts (`NODE_*`, `UV_*`, a
   * locale of its own): the caller then starts one afresh. Each take asks for the next
   * spare of that memory size, booted once no environment has started for a while.
   */
  take(memorySize: number, env: Readonly<Record<string, string>>): ChildProcess | undefined;
  /** The process ids of the spares waiting (for `memorySize`, or all). */
  waiting(memorySize?: number): number[];
  /** Ends every spare. */
  stop(): Promise<void>;
}

/**
 * How long after an environment last started the next spare boots: not in the middle of
 * a burst of environment starts (a boot takes CPU they need now), but well before a
 * module team's next save, a second or more later.
 */
export const SPARE_AFTER_QUIET_MS = 250;

/**
 * One runtime process kept booted per memory size (its heap limit is a flag of Node's own
 * start), given its function when an execution environment needs one, so the environment's
 * init does not wait for Node to start: about 0.1 s of CPU on this machine, a quarter of a
 * live edit's init. It boots once environments have stopped starting for a moment
 * (`SPARE_AFTER_QUIET_MS`). Lambda keeps pools of sandboxes ready the same way; the function's
 * own code still loads in the environment's init, in a process no function ran in before.
 * A spare ends with its parent: it waits on its stdin, which closes then. `launch` starts
 * one (`launchSpareRuntime`).
 *
 * @example
 * const spares = createSpareRuntimes(launchSpareRuntime);
 * const child = spares.take(256, env) ?? spawn(...);
 */
export function createSpareRuntimes(
  launch: (memorySize: number) => ChildProcess,
  quietMs = SPARE_AFTER_QUIET_MS,
): SpareRuntimes {
  const spares = new Map<number, ChildProcess>();
  /** The memory sizes taken from since the last boot of spares. */
  const wanted = new Set<number>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const startLater = (memorySize: number) => {
    wanted.add(memorySize);
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const size of wanted) if (!spares.has(size)) start(size);
      wanted.clear();
    }, quietMs);
    timer.unref();
  };
  const start = (memorySize: number) => {
    if (stopped) return;
    const child = launch(memorySize);
    // why: a spare waiting must not keep the process that runs the local Lambda alive
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) unrefStream(stream);
    child.once('exit', () => {
      if (spares.get(memorySize) === child) spares.delete(memorySize);
    });
    child.once('error', () => child.kill('SIGKILL'));
    spares.set(memorySize, child);
  };
  return {
    take(memorySize, env) {
      if (!bootsAlike(env)) return undefined;
      const spare = spares.get(memorySize);
      spares.delete(memorySize);
      startLater(memorySize);
      if (!spare || spare.exitCode !== null || spare.signalCode !== null) return undefined;
      spare.ref();
      for (const stream of [spare.stdin, spare.stdout, spare.stderr]) refStream(stream);
      // why: a spare that dies before it reads its function fails the write (EPIPE); its
      // exit is what the environment reports, not an error this process must not throw
      spare.stdin?.on('error', () => {});
      return spare;
    },
    waiting(memorySize) {
      return [...spares]
        .filter(
          ([size, child]) =>
            (memorySize === undefined || size === memorySize) &&
            child.exitCode === null &&
            child.signalCode === null,
        )
        .flatMap(([, child]) => (child.pid === undefined ? [] : [child.pid]));
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const all = [...spares.values()];
      spares.clear();
      await Promise.all(
        all.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}

/** Whether a function with `env` starts as a spare did: nothing Node reads at its own start. */
function bootsAlike(env: Readonly<Record<string, string>>): boolean {
  return (
    env.LANG === RUNTIME_LANG &&
    Object.keys(env).every(
      (name) => !name.startsWith('NODE_') && !name.startsWith('UV_') && !name.startsWith('LC_'),
    )
  );
}

// why cast: a child's stdio pipes are net.Sockets, typed as plain streams
type Pipe = { ref?: () => unknown; unref?: () => unknown };
const unrefStream = (stream: unknown) => (stream as Pipe | null)?.unref?.();
const refStream = (stream: unknown) => (stream as Pipe | null)?.ref?.();
