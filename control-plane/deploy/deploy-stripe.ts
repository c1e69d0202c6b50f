import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import {
  advanceOrRollBack,
  isInFlight,
  type ModuleOutcome,
  startModule,
  stopModule,
} from './deploy-module.ts';
import type { DeployTarget } from './deploy-target.ts';
import { ensurePromoted } from './ensure-promoted.ts';
import { ModuleInterruptedError } from './errors.ts';
import { judgeStripeHealth } from './judge-stripe-health.ts';
import {
  createModuleRun,
  type ModuleRelease,
  type ModuleRun,
  type PipelineContext,
} from './module-run.ts';
import { ensureRolledBack, rollBackCandidate } from './roll-back-candidate.ts';
import { checkPostTraffic, recordPromotion } from './run-post-traffic-checks.ts';
import { waitWhileRegionOff } from './wait-while-region-off.ts';

/**
 * Deploys one module to a stripe: the targets of one stage in several Regions, moved
 * together, as Apollo stripes a rolling update across data centers. Each phase runs in
 * every Region at once (each Region's alias moved with that Region's clients, its bake
 * judged on its own health), and a step ends only when every Region baked healthy and
 * the stripe as a whole did (`judgeStripeHealth`). When any Region breaches, fails a
 * check or is changed by hand, the stripe stops: the other Regions' bakes end at once
 * and every Region in flight goes back to its stable version. A Region failed away from
 * pauses the whole stripe before its next step.
 *
 * Each Region's progress is recorded before it acts, as `deployModule` records it; a
 * resumed stripe first brings the Regions behind up to the others.
 *
 * @returns `promoted` when every Region promoted, else how the stripe ended
 * @throws DeploymentEndedError when someone else ended the deployment: nothing is touched
 */
export async function deployStripe(
  ctx: PipelineContext,
  targets: readonly DeployTarget[],
  release: ModuleRelease,
  progresses: readonly (ModuleProgress | undefined)[],
): Promise<ModuleOutcome> {
  // Aborted when one Region breaks: the others' bakes and waits end at once.
  const stripe = new AbortController();
  const stripeCtx = { ...ctx, signal: AbortSignal.any([ctx.signal, stripe.signal]) };
  const runs = targets.map((target) => createModuleRun(stripeCtx, target, release));
  // Stopped before this module started: there is nothing of it to bring back.
  if (progresses.every((p) => !p) && ctx.signal.aborted) return 'failed';
  const unstarted = (run: ModuleRun): ModuleProgress => ({
    phase: 'pending',
    target: run.target.name,
  });
  let current = await eachRegion(
    runs,
    runs.map((run, i) => progresses[i] ?? unstarted(run)),
    (run, _p, i) => progresses[i] ?? startModule(run),
  );
  for (;;) {
    if (ctx.signal.aborted)
      current = await eachRegion(runs, current, (run, p) =>
        isInFlight(p) ? stopModule(run, p) : p,
      );
    current = await rollBackIfBroken(runs, current);
    if (!current.some(isInFlight)) return finishStripe(runs, current);
    const behind = laggards(current);
    const phase = current[behind[0] as number]?.phase;
    if (phase === 'shifting') await waitWhileRegionOff(behind.map((i) => runs[i] as ModuleRun));
    if (ctx.signal.aborted) continue;
    if (phase === 'post-traffic') {
      current = await promoteTogether(runs, current, behind);
      continue;
    }
    const before = current;
    current = await eachRegion(runs, current, (run, p, i) =>
      behind.includes(i) ? advanceInStripe(run, p, stripe) : p,
    );
    const wholeStep = phase === 'shifting' && behind.length === runs.length;
    if (wholeStep && current.every(isInFlight) && !stripeCtx.signal.aborted)
      current = await judgeWhole(runs, current, before, ctx);
  }
}

/** One phase in one Region; one that ends the Region's run stops the stripe's bakes. */
async function advanceInStripe(
  run: ModuleRun,
  p: ModuleProgress,
  stripe: AbortController,
): Promise<ModuleProgress> {
  try {
    const next = await advanceOrRollBack(run, p);
    // Only phases in flight are advanced here, and they always end in a progress.
    if (typeof next === 'string') return p;
    if (isBroken(next)) stripe.abort(new Error(`${run.target.name} ended ${next.phase}`));
    return next;
  } catch (error) {
    if (error instanceof ModuleInterruptedError) stripe.abort(error);
    throw error;
  }
}

/**
 * Runs one thing in every Region at once and lets each finish its way (a rollback under
 * way is never cut short) before an error goes up. A Region a manual rollback
 * interrupted counts as interrupted, and the stripe rolls the others back.
 */
async function eachRegion(
  runs: readonly ModuleRun[],
  current: readonly ModuleProgress[],
  act: (
    run: ModuleRun,
    p: ModuleProgress,
    index: number,
  ) => ModuleProgress | Promise<ModuleProgress>,
): Promise<ModuleProgress[]> {
  const settled = await Promise.allSettled(
    runs.map(async (run, i) => act(run, current[i] as ModuleProgress, i)),
  );
  const failure = settled.find(
    (s) => s.status === 'rejected' && !(s.reason instanceof ModuleInterruptedError),
  );
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return settled.map((s, i) =>
    s.status === 'fulfilled'
      ? s.value
      : { ...(current[i] as ModuleProgress), phase: 'interrupted' },
  );
}

/** A Region whose run ended short of promotion takes every other Region in flight back. */
async function rollBackIfBroken(
  runs: readonly ModuleRun[],
  current: ModuleProgress[],
): Promise<ModuleProgress[]> {
  const broken = current.findIndex(isBroken);
  if (broken < 0 || !current.some(isInFlight)) return current;
  const why = await whyItEnded(runs[broken] as ModuleRun);
  return eachRegion(runs, current, (run, p) =>
    isInFlight(p) ? rollBackCandidate(run, p, `rolled back with its stripe: ${why}`) : p,
  );
}

/** All Regions at 100% pass their post-traffic checks before any is promoted. */
async function promoteTogether(
  runs: readonly ModuleRun[],
  current: ModuleProgress[],
  behind: number[],
): Promise<ModuleProgress[]> {
  const checked = await eachRegion(runs, current, async (run, p, i) =>
    behind.includes(i) ? ((await checkPostTraffic(run, p)) ?? p) : p,
  );
  if (checked.some(isBroken)) return checked;
  return eachRegion(runs, checked, (run, p, i) =>
    behind.includes(i) ? recordPromotion(run, p) : p,
  );
}

/** After a step every Region baked healthy: the stripe as a whole must be healthy too. */
async function judgeWhole(
  runs: readonly ModuleRun[],
  current: ModuleProgress[],
  before: readonly ModuleProgress[],
  ctx: PipelineContext,
): Promise<ModuleProgress[]> {
  const verdict = await judgeStripeHealth(runs, current, ctx.thresholds);
  const regions = runs.map((run) => run.target.name).join(', ');
  const weight = before[0]?.weight ?? 0;
  if (verdict.verdict === 'breach')
    return eachRegion(runs, current, (run, p) =>
      rollBackCandidate(
        run,
        p,
        `the stripe as a whole breached: ${verdict.reason}`,
        verdict.figures,
      ),
    );
  const event = {
    kind: 'step' as const,
    name: 'stripe-step',
    module: runs[0]?.module,
    detail: `healthy at ${Math.round(weight * 1000) / 10}% in ${regions} and across them`,
    figures: verdict.figures,
  };
  await ctx.store.event(ctx.deploymentId, event);
  ctx.onEvent?.(event);
  return current;
}

/** Carries out what the record decided, in every Region at once. */
async function finishStripe(
  runs: readonly ModuleRun[],
  current: ModuleProgress[],
): Promise<ModuleOutcome> {
  await eachRegion(runs, current, async (run, p) => {
    if (p.phase === 'promoted') await ensurePromoted(run, p);
    if (p.phase === 'rolled-back') await ensureRolledBack(run, p);
    return p;
  });
  const phases = current.map((p) => p.phase);
  if (phases.every((phase) => phase === 'promoted')) return 'promoted';
  if (phases.includes('interrupted')) return 'interrupted';
  return phases.includes('rolled-back') ? 'rolled-back' : 'failed';
}

/** The Regions furthest behind: the others wait for them, so every step is taken together. */
function laggards(current: readonly ModuleProgress[]): number[] {
  const ranks = current.map((p) => (isInFlight(p) ? rankOf(p) : Number.POSITIVE_INFINITY));
  const lowest = Math.min(...ranks);
  return ranks.flatMap((rank, i) => (rank === lowest ? [i] : []));
}

function rankOf(p: ModuleProgress): number {
  if (p.phase === 'published') return 0;
  if (p.phase === 'pre-traffic') return 1;
  if (p.phase === 'shifting') return 2 + (p.step ?? 0);
  return Number.MAX_SAFE_INTEGER; // post-traffic
}

function isBroken(p: ModuleProgress): boolean {
  return p.phase === 'rolled-back' || p.phase === 'failed' || p.phase === 'interrupted';
}

/** The decision that ended a Region's run, as its record says it. */
async function whyItEnded(run: ModuleRun): Promise<string> {
  const record = await run.ctx.store.get(run.ctx.deploymentId);
  const decision = record.events.findLast(
    (e) => e.kind === 'decision' && e.module === run.module && e.target === run.target.name,
  );
  return `${run.target.name}: ${decision?.detail ?? 'it did not promote'}`;
}
