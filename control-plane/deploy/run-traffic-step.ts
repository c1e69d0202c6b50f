import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { shiftTraffic } from './alias-traffic.ts';
import { type BakeOutcome, bake } from './bake.ts';
import { findDrift } from './find-drift.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';
import { recordInterrupted } from './record-interrupted.ts';
import { releaseSplit } from './release-split.ts';
import { rollBackCandidate } from './roll-back-candidate.ts';
import type { TrafficStep } from './traffic-strategy.ts';

/**
 * One step of the shift (`p.step`), recorded on its own so a resumed deployment goes on
 * from it: unless someone changed the module since the last step, records the step's
 * weight, tells the registry both versions serve (at the first step, waiting until the
 * gateways know), sends the weight to the candidate and bakes it. Healthy, on to the
 * next step, or after the last to the post-traffic checks; a breach, too little traffic
 * to judge, or gateways that never caught up roll back.
 */
export async function runTrafficStep(run: ModuleRun, p: ModuleProgress): Promise<ModuleProgress> {
  const index = p.step ?? 0;
  const step = run.steps[index] as TrafficStep;
  const drift = await findDrift(run, p);
  if (drift) return recordInterrupted(run, p, drift);
  const shifted = await recordProgress(
    run,
    { ...p, weight: step.weight },
    'shift',
    `${percent(step.weight)} of traffic to version ${p.candidate}`,
  );
  const refusal = await releaseSplit(run, shifted);
  if (refusal) return rollBackCandidate(run, shifted, refusal);
  await shiftTraffic(run.target.lambda, run.ref, {
    from: p.stable as string,
    to: p.candidate as string,
    weight: step.weight,
  });
  const outcome = await bakeStep(run, shifted, step);
  if (outcome.outcome !== 'healthy')
    return rollBackCandidate(run, shifted, outcome.reason, outcome.figures);
  const last = index === run.steps.length - 1;
  const promotion = run.ctx.operator?.promotion();
  // Promoted by an operator: straight to the last step (all traffic), which bakes no more.
  const nextStep = promotion ? run.steps.length - 1 : index + 1;
  const next: ModuleProgress = last
    ? { ...shifted, phase: 'post-traffic' }
    : { ...shifted, step: nextStep };
  const detail = promotion
    ? `promoted now at ${percent(step.weight)} by ${promotion.by} (${promotion.reason}): the rest of the bake skipped`
    : `healthy at ${percent(step.weight)}`;
  return recordProgress(run, next, 'promote-step', detail, outcome.figures);
}

/** Watches the candidate from now, against the stable version since the shift began. */
function bakeStep(run: ModuleRun, p: ModuleProgress, step: TrafficStep): Promise<BakeOutcome> {
  const stepStartedMs = run.ctx.timing.clock.now();
  return bake(
    run.target,
    {
      functionName: run.ref.functionName,
      stable: p.stable as string,
      candidate: p.candidate as string,
      shiftStartedMs: p.shiftStartedMs ?? stepStartedMs,
      stepStartedMs,
      bakeMs: step.bakeMs,
    },
    run.ctx.thresholds,
    run.ctx.timing,
    run.signal,
    run.ctx.operator?.promoteSignal,
  );
}

const percent = (weight: number) => `${Math.round(weight * 1000) / 10}%`;
