import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DeploymentPlan,
  type DeploymentRecord,
  type DeploymentState,
  type ModuleProgress,
  progressKey,
} from '../../contracts/deployment-record.ts';
import { buildModule, zipBundle } from '../build/index.ts';
import type { DiscoveredModule } from '../module-catalog/index.ts';
import type { BakeTiming } from './bake.ts';
import { createLeaseHeartbeat, newLockHolder } from './create-lease-heartbeat.ts';
import { createModuleInterrupts } from './create-module-interrupts.ts';
import { deployRelease } from './deploy-cells.ts';
import type { ModuleOutcome, ModuleRelease, PipelineContext } from './deploy-module.ts';
import type { DeployTarget } from './deploy-target.ts';
import type { DeploymentStore, LockHolder } from './deployment-store.ts';
import {
  DeploymentEndedError,
  DeploymentInterruptedError,
  DeploymentLeftRunningError,
  DeploymentNotRunningError,
  LeaseHeldError,
  ResumeRefusedError,
} from './errors.ts';
import { findResumeProblems, isUnfinished } from './find-resume-problems.ts';
import { type BakeThresholds, DEFAULT_THRESHOLDS } from './judge-health.ts';
import { planWaves } from './plan-waves.ts';
import { DEFAULT_STRATEGY_BY_TIER, parseStrategy } from './traffic-strategy.ts';

export interface ReleaseOptions {
  modules: readonly DiscoveredModule[];
  /** In order; the first is the one-box. */
  targets: readonly DeployTarget[];
  store: DeploymentStore;
  /** Where bundles are built. */
  buildDirectory: string;
  /** One strategy for every module, instead of each manifest's or its tier's default. */
  strategy?: string;
  thresholds?: Partial<BakeThresholds>;
  timing?: Partial<BakeTiming>;
  /** How long all traffic on the new version bakes before the post-traffic check. @default 60_000 */
  finalBakeMs?: number;
  allowBreaking?: boolean;
  onEvent?: PipelineContext['onEvent'];
  /**
   * Stops the deployment at its next safe point, every module in flight back on its
   * stable version; abort it with a DeploymentInterruptedError saying why.
   */
  signal?: AbortSignal;
  /** How long the module locks outlive a silent orchestrator. @default 30_000 */
  leaseMs?: number;
  /** How long the gateways may take to serve the first split's generation. @default 30_000 */
  gatewayWaitMs?: number;
}

/**
 * Releases modules in waves by criticality tier, less critical first, to each target in
 * order. A wave starts only when the previous one baked healthy; a failure rolls back
 * the failing module and stops the release, leaving later waves untouched.
 *
 * @throws DeploymentInProgressError when another deployment holds a module
 * @throws DeploymentLeftRunningError on an error it could not roll back from
 */
export async function runRelease(options: ReleaseOptions): Promise<DeploymentRecord> {
  const releases = await buildReleases(options);
  // Stopped while building: nothing was deployed, nothing to record.
  options.signal?.throwIfAborted();
  const plan = planOf(options, releases);
  const id = newDeploymentId();
  const holder = newLockHolder(options.leaseMs);
  await options.store.lock(id, [...releases.keys()], holder);
  await options.store.create(id, plan);
  return drive(id, plan, releases, options, holder);
}

/**
 * Picks up a deployment whose orchestrator died (its lease lapsed): each module
 * continues from the phase its record names (re-applying the weight the record last
 * chose), so it finishes or rolls back cleanly. Refuses, changing nothing, when a
 * module was changed by hand since (a `turnout rollback`): going on would shift traffic
 * back onto the version someone rolled back.
 *
 * @throws DeploymentNotRunningError, LeaseHeldError, ResumeRefusedError
 */
export async function resumeRelease(
  id: string,
  options: ReleaseOptions,
): Promise<DeploymentRecord> {
  const record = await options.store.get(id);
  if (record.state !== 'running')
    throw new DeploymentNotRunningError(id, record.state, record.reason);
  const wanted = record.plan.waves.flat();
  await refuseLiveLease(id, wanted, options.store);
  const problems = await findResumeProblems(record, options.targets, {
    deploymentId: id,
    store: options.store,
  });
  if (problems.length) throw new ResumeRefusedError(id, problems);
  const releases = await buildReleases({
    ...options,
    modules: options.modules.filter((m) => wanted.includes(m.manifest.name)),
  });
  const holder = newLockHolder(options.leaseMs);
  await options.store.lock(id, wanted, holder, { takeOver: true });
  await options.store.event(id, {
    kind: 'step',
    name: 'resume',
    detail: `resumed by process ${process.pid}`,
  });
  return drive(id, record.plan, releases, options, holder, await options.store.get(id));
}

/** A live orchestrator is told apart before anything else is read or built. */
async function refuseLiveLease(id: string, modules: string[], store: DeploymentStore) {
  const now = Date.now();
  const live = (await store.locks(modules)).find(
    (lock) => lock.deploymentId === id && (lock.leaseExpiresAt ?? 0) > now,
  );
  if (live) throw new LeaseHeldError(id, live.module, live.owner, live.leaseExpiresAt ?? now);
}

interface Ending {
  state: Exclude<DeploymentState, 'running'>;
  /** What the record's reason says. */
  reason?: string;
  /** The stop decision, when it stopped early. */
  detail?: string;
}

/**
 * Runs the waves while keeping the locks' lease alive, records how it ended and frees
 * the modules. Someone else ending it (`--abort`) stops it touching nothing; an error it
 * could not roll back from leaves it locked and running, for `--resume` or `--abort`
 * once the lease lapses.
 */
async function drive(
  id: string,
  plan: DeploymentPlan,
  releases: Map<string, ModuleRelease>,
  options: ReleaseOptions,
  holder: LockHolder,
  previous?: DeploymentRecord,
): Promise<DeploymentRecord> {
  const { store } = options;
  const modules = plan.waves.flat();
  const ended = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, ended.signal]) : ended.signal;
  const interrupts = createModuleInterrupts();
  const heartbeat = createLeaseHeartbeat({
    store,
    deploymentId: id,
    modules,
    holder,
    onEnded: (error) => ended.abort(error),
    onRecord: (record) => interrupts.interruptFrom(record),
  });
  try {
    const ending = await deployWaves(
      { ...contextOf(id, options, signal), interruptSignal: interrupts.signalFor },
      plan,
      releases,
      options.targets,
      previous,
    );
    if (ending.detail)
      await store.event(id, { kind: 'decision', name: 'stop-release', detail: ending.detail });
    await store.finish(id, ending.state, ending.reason);
  } catch (error) {
    if (!(error instanceof DeploymentEndedError)) {
      await store
        .event(id, { kind: 'decision', name: 'left-running', detail: String(error) })
        .catch(() => undefined);
      throw new DeploymentLeftRunningError(id, { cause: error });
    }
  } finally {
    heartbeat.stop();
  }
  await store.unlock(id, modules, holder.owner);
  return store.get(id);
}

async function deployWaves(
  ctx: PipelineContext,
  plan: DeploymentPlan,
  releases: Map<string, ModuleRelease>,
  targets: readonly DeployTarget[],
  previous?: DeploymentRecord,
): Promise<Ending> {
  for (const target of targets) {
    for (const [index, wave] of plan.waves.entries()) {
      const progress = (module: string) => previous?.progress[progressKey(module, target.name)];
      // Stopped: a wave nothing of which is in flight is not started at all.
      if (ctx.signal.aborted && !wave.some((m) => isUnfinishedProgress(progress(m))))
        return aborted(ctx, `before ${wave.join(', ')} started in ${target.name}`);
      const outcomes = await settle(
        wave.map((module) =>
          deployRelease(ctx, target, releases.get(module) as ModuleRelease, progress),
        ),
      );
      const failed = wave.filter((_, i) => outcomes[i] !== 'promoted');
      if (!failed.length) continue;
      const later = plan.waves.slice(index + 1).flat();
      const untouched = later.length ? `, and ${later.join(', ')} will not be touched` : '';
      if (ctx.signal.aborted)
        return aborted(
          ctx,
          `${failed.join(', ')} went back to the stable version in ${target.name}${untouched}`,
        );
      const detail =
        `${failed.join(', ')} did not promote in ${target.name} (wave ${index + 1} of ${plan.waves.length}); ` +
        `the release stops${untouched}`;
      return { state: stateOf(outcomes), reason: detail, detail };
    }
  }
  return { state: 'succeeded' };
}

/** Every module of a wave finishes its way (rolling back if it must) before an error goes up. */
async function settle(runs: Promise<ModuleOutcome>[]): Promise<ModuleOutcome[]> {
  const settled = await Promise.allSettled(runs);
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<ModuleOutcome>).value);
}

function isUnfinishedProgress(p: ModuleProgress | undefined): boolean {
  return p !== undefined && isUnfinished(p);
}

function aborted(ctx: PipelineContext, what: string): Ending {
  const reason = ctx.signal.reason;
  const why = reason instanceof DeploymentInterruptedError ? reason.why : String(reason);
  return { state: 'aborted', reason: why, detail: `${why}: ${what}` };
}

function stateOf(outcomes: ModuleOutcome[]): Ending['state'] {
  if (outcomes.includes('interrupted')) return 'interrupted';
  return outcomes.includes('rolled-back') ? 'rolled-back' : 'failed';
}

async function buildReleases(options: ReleaseOptions): Promise<Map<string, ModuleRelease>> {
  const entries = await Promise.all(
    options.modules.map(async ({ manifest, directory }) => {
      const strategy =
        options.strategy ?? manifest.deploy.strategy ?? DEFAULT_STRATEGY_BY_TIER[manifest.tier];
      parseStrategy(strategy); // a bad name stops the release before anything is built
      const bundle = await buildModule({
        directory,
        outputDirectory: join(options.buildDirectory, manifest.name),
        handler: manifest.function.handler,
      });
      return [
        manifest.name,
        { manifest, zip: await zipBundle(bundle.directory), strategy },
      ] as const;
    }),
  );
  return new Map(entries);
}

function planOf(options: ReleaseOptions, releases: Map<string, ModuleRelease>): DeploymentPlan {
  const manifests = [...releases.values()].map((r) => r.manifest);
  return {
    waves: planWaves(manifests).map((wave) => wave.map((m) => m.name)),
    targets: options.targets.map((t) => t.name),
    strategies: Object.fromEntries([...releases].map(([name, r]) => [name, r.strategy])),
  };
}

function contextOf(id: string, options: ReleaseOptions, signal: AbortSignal): PipelineContext {
  return {
    deploymentId: id,
    store: options.store,
    thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    timing: {
      clock: Date,
      sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
      pollMs: 1_000,
      maxTrafficWaitMs: 5 * 60_000,
      ...options.timing,
    },
    finalBakeMs: options.finalBakeMs ?? 60_000,
    allowBreaking: options.allowBreaking ?? false,
    onEvent: options.onEvent,
    signal,
    gatewayWaitMs: options.gatewayWaitMs ?? 30_000,
  };
}

/** Sortable by time, unique enough to never collide: `d-20261122T083000-1a2b3c`. */
function newDeploymentId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `d-${stamp}-${randomBytes(3).toString('hex')}`;
}
