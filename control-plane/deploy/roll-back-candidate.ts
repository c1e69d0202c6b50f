import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { pointAlias } from './alias-traffic.ts';
import { type ModuleAt, recordProgress } from './module-run.ts';
import { releaseStableVersion } from './release-stable-version.ts';

/**
 * Decides to send all traffic back to the stable version: after a breach, a bake
 * starved of traffic, a failed check, an abort. Only recorded here; `ensureRolledBack`
 * acts, so a deployment resumed between the two finishes the same way.
 */
export function rollBackCandidate(
  run: ModuleAt,
  p: ModuleProgress,
  reason: string,
  figures?: Record<string, unknown>,
  name: 'rollback' | 'abort' = 'rollback',
): Promise<ModuleProgress> {
  return recordProgress(run, { ...p, phase: 'rolled-back', weight: 0 }, name, reason, figures);
}

/**
 * The record says rolled back: the alias goes back to the stable version with one
 * UpdateAlias, then the registry says the stable version alone serves the module, so
 * the gateways stop advertising what the candidate added at their next poll. Both are
 * safe to repeat: a resumed rollback runs this again.
 */
export async function ensureRolledBack(run: ModuleAt, p: ModuleProgress): Promise<void> {
  if (!p.stable) return;
  await pointAlias(run.target.lambda, run.ref, p.stable);
  const generation = await releaseStableVersion(run.target, run.module, p.stable);
  if (generation !== undefined)
    await recordProgress(
      run,
      p,
      'release-stable',
      `generation ${generation}: version ${p.stable} alone serves ${run.module} again`,
    );
}
