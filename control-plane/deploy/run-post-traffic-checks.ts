import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { LIVE_ALIAS } from '../../modules/kit/resource-names.ts';
import { changedBehindOurBack, recordInterrupted } from './changed-behind-our-back.ts';
import { findSmokeFailure } from './find-smoke-failure.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';
import { rollBackCandidate } from './roll-back-candidate.ts';

/**
 * With all traffic on the candidate: unless someone moved the alias, smoke checks
 * through the live alias itself. A pass promotes the version; a failure rolls back.
 */
export async function runPostTrafficChecks(
  run: ModuleRun,
  p: ModuleProgress,
): Promise<ModuleProgress> {
  if (await changedBehindOurBack(run, p)) return recordInterrupted(run, p);
  const failure = await findSmokeFailure(run, LIVE_ALIAS);
  if (failure) return rollBackCandidate(run, p, `post-traffic check failed: ${failure}`);
  return recordProgress(
    run,
    { ...p, phase: 'promoted', weight: 1 },
    'promote',
    `version ${p.candidate} serves all traffic`,
  );
}
