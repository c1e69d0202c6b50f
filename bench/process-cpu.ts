import { readdirSync, readFileSync } from 'node:fs';

/** CPU time so far of this process and each of its children, by a short label. */
export type CpuByProcess = Map<string, number>;

/** Linux counts process CPU in clock ticks of 10 ms (USER_HZ 100 on every common build). */
const TICK_MS = 10;

/**
 * CPU milliseconds used so far by this process and its direct children (read from /proc:
 * Linux only; empty elsewhere), labelled by what runs there, so a benchmark can share a
 * request's CPU out among the gateway, the function runtimes and DynamoDB Local.
 *
 * @example
 * const before = readProcessCpu(label); ...; const after = readProcessCpu(label);
 */
export function readProcessCpu(label: (commandLine: string) => string): CpuByProcess {
  const byLabel: CpuByProcess = new Map();
  for (const pid of listPids()) {
    const stat = readText(`/proc/${pid}/stat`);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const isSelf = Number(pid) === process.pid;
    if (!isSelf && Number(fields[1]) !== process.pid) continue;
    const name = isSelf ? 'this process' : label(readText(`/proc/${pid}/cmdline`) ?? '');
    const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    byLabel.set(name, (byLabel.get(name) ?? 0) + ms);
  }
  return byLabel;
}

/** What each label used between two readings (a process that ended in between is lost). */
export function cpuBetween(before: CpuByProcess, after: CpuByProcess): CpuByProcess {
  return new Map([...after].map(([name, ms]) => [name, ms - (before.get(name) ?? 0)]));
}

function listPids(): string[] {
  try {
    return readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
