import { readFile } from 'node:fs/promises';

export interface MemoryWatch {
  stop(): void;
}

/** How often a process's resident memory is read: often enough to stop a fast leak early. */
const INTERVAL_MS = 25;

/**
 * Calls `onExceeded` once when the process's resident set (everything it holds in memory:
 * heap, Buffers, native allocations) passes `limitMb`, as Lambda's sandbox counts a
 * function's memory. Reads `/proc/<pid>/status`; where there is no /proc (macOS), it
 * watches nothing and the runtime's heap cap is the only limit.
 *
 * @example
 * const watch = watchMemory(child.pid, 256, () => child.kill('SIGKILL'));
 */
export function watchMemory(pid: number, limitMb: number, onExceeded: () => void): MemoryWatch {
  const path = `/proc/${pid}/status`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const check = async () => {
    const kb = await readResidentKb(path);
    if (stopped || kb === undefined) return;
    if (kb > limitMb * 1024) {
      stopped = true;
      onExceeded();
      return;
    }
    timer = setTimeout(check, INTERVAL_MS);
    timer.unref();
  };
  void check();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

async function readResidentKb(path: string): Promise<number | undefined> {
  const status = await readFile(path, 'utf8').catch(() => undefined);
  const match = status && /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) : undefined;
}
