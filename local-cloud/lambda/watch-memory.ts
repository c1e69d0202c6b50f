import { closeSync, openSync, readSync } from 'node:fs';

export interface MemoryWatch {
  stop(): void;
}

/** How often a process's resident memory is read: often enough to stop a fast leak early. */
const INTERVAL_MS = 25;

interface Watched {
  fd: number;
  limitKb: number;
  onExceeded(): void;
}

const watched = new Set<Watched>();
let timer: NodeJS.Timeout | undefined;
/** /proc/<pid>/status is about 1.5 kB; the buffer is shared by every read. */
const buffer = Buffer.alloc(8192);

/**
 * Calls `onExceeded` once when the process's resident set (everything it holds in memory:
 * heap, Buffers, native allocations) passes `limitMb`, as Lambda's sandbox counts a
 * function's memory. Reads `/proc/<pid>/status`; where there is no /proc (macOS), it
 * watches nothing and the runtime's heap cap is the only limit.
 *
 * why one timer and a file held open, read synchronously: `turnout dev` runs dozens of
 * environments, each read 40 times a second. Opening, reading and closing the file
 * through fs/promises each time took a fifth of the local cloud's process under load;
 * re-reading an open /proc file from offset 0 takes microseconds and never blocks.
 *
 * @example
 * const watch = watchMemory(child.pid, 256, () => child.kill('SIGKILL'));
 */
export function watchMemory(pid: number, limitMb: number, onExceeded: () => void): MemoryWatch {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/status`, 'r');
  } catch {
    return { stop() {} };
  }
  const watch: Watched = { fd, limitKb: limitMb * 1024, onExceeded };
  watched.add(watch);
  timer ??= setInterval(checkAll, INTERVAL_MS).unref();
  checkOne(watch);
  return { stop: () => unwatch(watch) };
}

function checkAll(): void {
  for (const watch of watched) checkOne(watch);
}

function checkOne(watch: Watched): void {
  const kb = readResidentKb(watch.fd);
  // why stop when unreadable: the process is gone (its /proc entry answers ESRCH)
  if (kb === undefined) unwatch(watch);
  else if (kb > watch.limitKb) {
    unwatch(watch);
    watch.onExceeded();
  }
}

function unwatch(watch: Watched): void {
  if (!watched.delete(watch)) return;
  closeSync(watch.fd);
  if (watched.size === 0) {
    clearInterval(timer);
    timer = undefined;
  }
}

function readResidentKb(fd: number): number | undefined {
  let length: number;
  try {
    length = readSync(fd, buffer, 0, buffer.length, 0);
  } catch {
    return undefined;
  }
  const match = /^VmRSS:\s+(\d+) kB/m.exec(buffer.toString('latin1', 0, length));
  return match ? Number(match[1]) : undefined;
}
