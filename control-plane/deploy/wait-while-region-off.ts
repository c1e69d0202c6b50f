import type { ModuleRun } from './module-run.ts';
import type { RegionServing } from './region-serving.ts';

/** How often a paused release asks again: ARC's data plane is meant to be read, not hammered. */
const MIN_PAUSE_POLL_MS = 1_000;

/**
 * Before a traffic step: while any of these runs' Regions is failed away from (its
 * routing control off, or unreadable), the release pauses, with the alias where the last
 * step left it. The pause and its end are decisions in the record, so `turnout status`
 * can say a release is paused and why. Returns once every Region serves, or at once when
 * the release is stopped (the caller then rolls back at its safe point).
 */
export async function waitWhileRegionOff(runs: readonly ModuleRun[]): Promise<void> {
  const checked = runs.filter((run) => run.target.isServing);
  if (!checked.length) return;
  const paused = new Set<ModuleRun>();
  for (;;) {
    const readings = await Promise.all(checked.map((run) => readServing(run)));
    const off = checked.filter((_, i) => !readings[i]?.serving);
    for (const run of paused) {
      if (off.includes(run)) continue;
      paused.delete(run);
      await note(run, 'unpause', `${regionOf(run)} serves again: the release goes on`);
    }
    if (!off.length) return;
    for (const [i, run] of checked.entries()) {
      if (!off.includes(run) || paused.has(run)) continue;
      paused.add(run);
      const why = readings[i]?.reason ?? `${regionOf(run)} does not serve`;
      await note(
        run,
        'pause',
        `paused: ${why}; no traffic moves in ${regionOf(run)} until it serves again`,
      );
    }
    const signal = runs[0]?.signal;
    await runs[0]?.ctx.timing.sleep(Math.max(MIN_PAUSE_POLL_MS, runs[0].ctx.timing.pollMs), signal);
    if (runs.some((run) => run.signal.aborted)) return;
  }
}

async function readServing(run: ModuleRun): Promise<RegionServing> {
  try {
    return (await run.target.isServing?.()) ?? { serving: true };
  } catch (error) {
    return { serving: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

async function note(run: ModuleRun, name: 'pause' | 'unpause', detail: string): Promise<void> {
  const event = {
    kind: 'decision' as const,
    name,
    detail,
    module: run.module,
    target: run.target.name,
  };
  await run.ctx.store.event(run.ctx.deploymentId, event);
  run.ctx.onEvent?.(event);
}

function regionOf(run: ModuleRun): string {
  return run.target.region ?? run.target.name;
}
