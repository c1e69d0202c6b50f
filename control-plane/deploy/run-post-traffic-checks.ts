import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { LIVE_ALIAS } from '../../modules/kit/resource-names.ts';
import { findDrift } from './find-drift.ts';
import { findSmokeFailure } from './find-smoke-failure.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';
import { recordInterrupted } from './record-interrupted.ts';
import { rollBackCandidate } from './roll-back-candidate.ts';

/**
 * With all traffic on the candidate: unless someone changed the module since, smoke
 * checks through the live alias itself. A pass records the promotion (the registry is
 * told after, by `ensurePromoted`); a failure rolls back.
 */
export async function runPostTrafficChecks(
  run: ModuleRun,
  p: ModuleProgress,
): Promise<ModuleProgress> {
  return (await checkPostTraffic(run, p)) ?? recordPromotion(run, p);
}

/**
 * The checks alone: the progress that ends the module (interrupted, rolled back), or
 * undefined when it may be promoted. A stripe checks every Region before it promotes any.
 */
export async function checkPostTraffic(
  run: ModuleRun,
  p: ModuleProgress,
): Promise<ModuleProgress | undefined> {
  const drift = await findDrift(run, p);
  if (drift) return recordInterrupted(run, p, drift);
  const failure = await findSmokeFailure(run, LIVE_ALIAS);
  if (failure) return rollBackCandidate(run, p, `post-traffic check failed: ${failure}`);
  return undefined;
}

export function recordPromotion(run: ModuleRun, p: ModuleProgress): Promise<ModuleProgress> {
  return recordProgress(
    run,
    { ...p, phase: 'promoted', weight: 1 },
    'promote',
    `version ${p.candidate} serves all traffic`,
  );
}
