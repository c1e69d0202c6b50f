import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { pointAlias } from './alias-traffic.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';
import { restorePreviousSchema } from './restore-previous-schema.ts';

/**
 * Sends all traffic back to the stable version: after a breach or a bake starved of
 * traffic, or a failed post-traffic check. Recorded before the alias moves, so that a
 * resumed deployment finishes it; the schema goes back too.
 */
export async function rollBackCandidate(
  run: ModuleRun,
  p: ModuleProgress,
  reason: string,
  figures?: Record<string, unknown>,
): Promise<ModuleProgress> {
  const next = await recordProgress(
    run,
    { ...p, phase: 'rolled-back', weight: 0 },
    'rollback',
    reason,
    figures,
  );
  await pointAlias(run.target.lambda, run.ref, p.stable as string);
  await restorePreviousSchema(run, next);
  return next;
}

/** A resumed rollback: the record says rolled back, so make the alias say so too. */
export async function ensureRolledBack(run: ModuleRun, p: ModuleProgress): Promise<void> {
  if (p.stable) await pointAlias(run.target.lambda, run.ref, p.stable);
  await restorePreviousSchema(run, p);
}
