import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { findSmokeFailure } from './find-smoke-failure.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';

/**
 * Smoke checks on the candidate version before it gets any traffic. A failure ends the
 * deployment with nothing to undo (the candidate was only recorded, never released); a
 * pass starts the shift, whose clock starts now.
 */
export async function runPreTrafficChecks(
  run: ModuleRun,
  p: ModuleProgress,
): Promise<ModuleProgress> {
  const failure = await findSmokeFailure(run, p.candidate as string);
  if (failure) return recordProgress(run, { ...p, phase: 'failed' }, 'fail-pre-traffic', failure);
  return recordProgress(
    run,
    { ...p, phase: 'shifting', step: 0, shiftStartedMs: run.ctx.timing.clock.now() },
    'pass-pre-traffic',
    'smoke checks passed on the new version',
  );
}
