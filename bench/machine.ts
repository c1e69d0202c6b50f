import { cpus, loadavg, totalmem } from 'node:os';

/** One line naming the machine a benchmark ran on. */
export function describeMachine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${cpus().length} cores (${cpu}), ${gib} GiB, Node ${process.version}, ${process.platform}/${process.arch}, ${describeLoad()}`;
}

/**
 * The machine's load averages: the machines are shared, and CPU time per request rises
 * with the load (cache and core contention), so a figure is read with the load it ran under.
 */
export function describeLoad(): string {
  const [one = 0, five = 0] = loadavg();
  return `load average ${one.toFixed(1)} (1 min), ${five.toFixed(1)} (5 min) at the end`;
}
