import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import type { DeployTarget } from './deploy-target.ts';
import { ensurePromoted } from './ensure-promoted.ts';
import {
  DeploymentEndedError,
  DeploymentInterruptedError,
  ModuleInterruptedError,
} from './errors.ts';
import {
  createModuleRun,
  type ModuleRelease,
  type ModuleRun,
  type PipelineContext,
  recordProgress,
} from './module-run.ts';
import { publishCandidate } from './publish-candidate.ts';
import { recordCandidate } from './record-candidate.ts';
import { ensureRolledBack, rollBackCandidate } from './roll-back-candidate.ts';
import { runPostTrafficChecks } from './run-post-traffic-checks.ts';
import { runPreTrafficChecks } from './run-pre-traffic-checks.ts';
import { runTrafficStep } from './run-traffic-step.ts';
import { waitWhileRegionOff } from './wait-while-region-off.ts';

export type { ModuleRelease, PipelineContext } from './module-run.ts';

export type ModuleOutcome = 'promoted' | 'rolled-back' | 'failed' | 'interrupted';

/**
 * Deploys one module to one target, resuming from `progress` when an earlier
 * orchestrator stopped part way. Every change of phase is recorded before it acts, so
 * the alias is only ever at a weight the record names. Stopped (the context's signal)
 * or failing on an error while in flight, the module goes back to its stable version
 * before this returns; a manual rollback leaves it as the rollback put it.
 *
 * @throws DeploymentEndedError when someone else ended the deployment: nothing is touched
 */
export async function deployModule(
  ctx: PipelineContext,
  target: DeployTarget,
  release: ModuleRelease,
  progress: ModuleProgress | undefined,
): Promise<ModuleOutcome> {
  const run = createModuleRun(ctx, target, release);
  // Stopped before this module started: there is nothing of it to bring back.
  if (!progress && ctx.signal.aborted) return 'failed';
  try {
    let current = progress ?? (await startModule(run));
    for (;;) {
      if (movesTraffic(current)) await waitWhileRegionOff([run]);
      if (ctx.signal.aborted && isInFlight(current)) current = await stopModule(run, current);
      const next = await advanceOrRollBack(run, current);
      if (typeof next === 'string') return next;
      current = next;
    }
  } catch (error) {
    if (error instanceof ModuleInterruptedError) return 'interrupted';
    throw error;
  }
}

/** One phase; an error in flight rolls back instead of leaving the alias split. */
export async function advanceOrRollBack(
  run: ModuleRun,
  p: ModuleProgress,
): Promise<ModuleProgress | ModuleOutcome> {
  try {
    return await advance(run, p);
  } catch (error) {
    if (isStopping(error) || !isInFlight(p)) throw error;
    if (run.ctx.signal.aborted) return p; // the loop stops it at this safe point
    const reason = error instanceof Error ? error.message : String(error);
    return rollBackCandidate(run, p, `stopped by an error: ${reason}`);
  }
}

async function advance(run: ModuleRun, p: ModuleProgress): Promise<ModuleProgress | ModuleOutcome> {
  switch (p.phase) {
    case 'published':
      return recordCandidate(run, p);
    case 'pre-traffic':
      return runPreTrafficChecks(run, p);
    case 'shifting':
      return runTrafficStep(run, p);
    case 'post-traffic':
      return runPostTrafficChecks(run, p);
    case 'promoted':
      await ensurePromoted(run, p);
      return 'promoted';
    case 'rolled-back':
      await ensureRolledBack(run, p);
      return 'rolled-back';
    case 'interrupted':
      return 'interrupted';
    default:
      return 'failed';
  }
}

/** Publishing the version is the one step with nothing to undo: a failure ends the module. */
export async function startModule(run: ModuleRun): Promise<ModuleProgress> {
  try {
    return await publishCandidate(run);
  } catch (error) {
    if (isStopping(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return recordProgress(
      run,
      { phase: 'failed', target: run.target.name },
      'fail-publish',
      reason,
    );
  }
}

/**
 * Stops at a safe point: back to the stable version (recorded, then `ensureRolledBack`
 * acts), unless someone else ended the deployment, when nothing is touched.
 */
export function stopModule(run: ModuleRun, p: ModuleProgress): Promise<ModuleProgress> {
  const reason = run.ctx.signal.reason;
  if (reason instanceof DeploymentEndedError) throw reason;
  const why = reason instanceof DeploymentInterruptedError ? reason.why : String(reason);
  return rollBackCandidate(run, p, `${why}: back to version ${p.stable}`, undefined, 'abort');
}

export function isInFlight(p: ModuleProgress): boolean {
  return ['published', 'pre-traffic', 'shifting', 'post-traffic'].includes(p.phase);
}

/** The phase whose next step moves traffic: a Region failed away from pauses before it. */
export function movesTraffic(p: ModuleProgress): boolean {
  return p.phase === 'shifting';
}

export function isStopping(error: unknown): boolean {
  return error instanceof DeploymentEndedError || error instanceof ModuleInterruptedError;
}
