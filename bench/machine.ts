import { cpus, totalmem } from 'node:os';

/** One line naming the machine a benchmark ran on. */
export function describeMachine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `${cpus().length} cores (${cpu}), ${gib} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
}
