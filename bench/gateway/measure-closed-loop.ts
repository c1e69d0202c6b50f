import { type LatencySummary, runLoad } from '../measure.ts';

export interface ClosedLoopFigures extends LatencySummary {
  /** This process's CPU (user + system) over the loop, divided by the requests answered, in us. */
  cpuUsPerRequest: number;
  /** The kernel's part of it (system time: sockets, epoll), in us. */
  systemCpuUsPerRequest: number;
  /** Answers other than a 200 without `"errors"` (a module timing out on a loaded machine, say). */
  errors: number;
}

/**
 * A closed loop in this process: `send(i)` for i = 0, 1, ... with `concurrency` in
 * flight, the next as soon as one answers, until `requests` or `timeLimitMs`; the CPU
 * this process spent over the loop (process.cpuUsage()), per request.
 *
 * @example
 * const figures = await measureClosedLoop((i) => gateway.handle(requestFor(i)), { requests: 500 });
 */
export async function measureClosedLoop(
  send: (index: number) => Promise<{ statusCode?: number; body?: string | Buffer }>,
  options: { requests: number; concurrency?: number; timeLimitMs?: number },
): Promise<ClosedLoopFigures> {
  let next = 0;
  let errors = 0;
  const task = async () => {
    const answer = await send(next++);
    if (answer.statusCode === 200 && !String(answer.body).includes('"errors"')) return;
    if (errors++ === 0) console.error(`unexpected answer: ${String(answer.body).slice(0, 300)}`);
  };
  const cpu0 = process.cpuUsage();
  const summary = await runLoad(task, {
    total: options.requests,
    concurrency: options.concurrency ?? 16,
    timeLimitMs: options.timeLimitMs,
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    ...summary,
    cpuUsPerRequest: (cpu.user + cpu.system) / summary.count,
    systemCpuUsPerRequest: cpu.system / summary.count,
    errors,
  };
}
