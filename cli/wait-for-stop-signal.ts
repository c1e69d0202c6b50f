/**
 * Resolves at the first Ctrl-C (SIGINT) or SIGTERM: a long-running command then stops
 * cleanly. A second one while it stops exits at once (130), through `process.exit`, so
 * the children that end with this process (DynamoDB Local's JVM) are ended too; with no
 * listener left, the signal would end the process and orphan them.
 */
export function waitForStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.once('SIGINT', forceExit);
      process.once('SIGTERM', forceExit);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function forceExit(): void {
  console.error('Stopped before everything had stopped cleanly.');
  process.exit(130);
}

/** A stop signal listened for from a long start on (`listenForStopSignal`). */
export interface StopListener {
  /** Resolves at the first Ctrl-C or SIGTERM. */
  signal: Promise<void>;
  /** Whether it came already. */
  readonly asked: boolean;
  /** The start is done: a signal from now on stops at once, without the notice. */
  started(): void;
}

/**
 * Listens for Ctrl-C (SIGINT) or SIGTERM from now on, before a long start: without a
 * listener, a signal during the start ends the process at once and leaves its children
 * (DynamoDB Local's JVM) running with nobody to stop them. A signal during the start
 * prints `notice` at once; the command stops what it started when the start is done.
 *
 * @example
 * const stop = listenForStopSignal('Stopping once the start is done...');
 * const running = await start();
 * if (stop.asked) return running.stop();
 * stop.started();
 * await stop.signal;
 */
export function listenForStopSignal(notice: string): StopListener {
  let asked = false;
  let started = false;
  const signal = waitForStopSignal().then(() => {
    asked = true;
    if (!started) console.log(notice);
  });
  return {
    signal,
    get asked() {
      return asked;
    },
    started() {
      started = true;
    },
  };
}
