import type {
  BuildProvenance,
  DeploymentEvent,
  ModuleProgress,
} from '../../contracts/deployment-record.ts';
import type { ModuleManifest } from '../../modules/kit/index.ts';
// The kit's naming file alone: its index loads graphql-tools and zod, which the
// control plane's quick commands (rollback, status) should not wait for.
import { functionName as functionNameOf, LIVE_ALIAS } from '../../modules/kit/resource-names.ts';
import type { AliasRef } from './alias-traffic.ts';
import type { BakeTiming } from './bake.ts';
import type { OperatorSteering } from './create-operator-steering.ts';
import type { DeployTarget } from './deploy-target.ts';
import type { DeploymentStore } from './deployment-store.ts';
import type { BakeThresholds } from './judge-health.ts';
import { parseStrategy, type TrafficStep, trafficSteps } from './traffic-strategy.ts';

/** A module as a release carries it: built once, deployed to every target. */
export interface ModuleRelease {
  manifest: ModuleManifest;
  zip: Uint8Array;
  /** A preset name such as `Canary10Percent5Minutes`. */
  strategy: string;
  /** What the build was made of, for the record. */
  provenance?: BuildProvenance;
}

/** What recording a module's progress needs: an abort taking over has no build. */
export interface RecordingContext {
  deploymentId: string;
  store: DeploymentStore;
  /** Each step and decision as it is recorded, for a live display. */
  onEvent?: (event: Omit<DeploymentEvent, 'at'>, progress?: ModuleProgress) => void;
}

export interface PipelineContext extends RecordingContext {
  thresholds: BakeThresholds;
  timing: BakeTiming;
  /** How long the last step (all traffic on the new version) bakes. */
  finalBakeMs: number;
  /** Accept schema changes that break clients. */
  allowBreaking: boolean;
  /**
   * Aborted to stop at a safe point: its reason a DeploymentInterruptedError (a signal:
   * roll back) or a DeploymentEndedError (someone else ended it: touch nothing).
   */
  signal: AbortSignal;
  /** How long a new generation may take to reach every gateway before traffic moves. */
  gatewayWaitMs: number;
  /** Per module and target, aborted once a manual rollback interrupts it. */
  interruptSignal?: (module: string, target: string) => AbortSignal;
  /** What operators in other processes asked (the console's promote and abort). */
  operator?: Pick<OperatorSteering, 'promoteSignal' | 'promotion'>;
}

/** One module in one target: what recording, checking and rolling it back need. */
export interface ModuleAt {
  ctx: RecordingContext;
  target: DeployTarget;
  /** The module's name. */
  module: string;
  /** The module's function and the alias the gateway invokes. */
  ref: AliasRef;
  /** The weights its strategy moves through: where the alias may stand between records. */
  weights: readonly number[];
}

/** One module's deployment to one target: what each of its steps works with. */
export interface ModuleRun extends ModuleAt {
  ctx: PipelineContext;
  release: ModuleRelease;
  /** The weights the release's strategy moves through, with their bake times. */
  steps: TrafficStep[];
  /** What its waits and bakes honour: the deployment's signal, or a manual rollback of the module. */
  signal: AbortSignal;
}

/** Throws InvalidStrategyError for a strategy it cannot read, before anything is published. */
export function createModuleRun(
  ctx: PipelineContext,
  target: DeployTarget,
  release: ModuleRelease,
): ModuleRun {
  const steps = trafficSteps(parseStrategy(release.strategy), ctx.finalBakeMs);
  const module = release.manifest.name;
  const interrupted = ctx.interruptSignal?.(module, target.name);
  return {
    ...createModuleAt(ctx, target, module, release.strategy),
    ctx,
    release,
    steps,
    signal: interrupted ? AbortSignal.any([ctx.signal, interrupted]) : ctx.signal,
  };
}

/** A module in a target as a deployment's record names it, without its build. */
export function createModuleAt(
  ctx: RecordingContext,
  target: DeployTarget,
  module: string,
  strategy: string,
): ModuleAt {
  return {
    ctx,
    target,
    module,
    ref: { functionName: functionNameOf(module, target.resourcePrefix), alias: LIVE_ALIAS },
    weights: trafficSteps(parseStrategy(strategy), 0).map((s) => s.weight),
  };
}

/**
 * Records the module's next progress and the event that led to it, then shows it: a step
 * records before it acts, so the alias is only ever at a weight the record names.
 *
 * @returns `next`, for the step to go on with
 * @throws ModuleInterruptedError once a manual rollback interrupted the module
 */
export async function recordProgress(
  run: ModuleAt,
  next: ModuleProgress,
  name: string,
  detail: string,
  figures?: Record<string, unknown>,
): Promise<ModuleProgress> {
  const event = {
    kind: kindOf(name),
    name,
    detail,
    module: run.module,
    target: run.target.name,
    ...(figures ? { figures } : {}),
  };
  await run.ctx.store.progress(run.ctx.deploymentId, run.module, next, event);
  run.ctx.onEvent?.(event, next);
  return next;
}

function kindOf(name: string): DeploymentEvent['kind'] {
  return [
    'rollback',
    'abort',
    'promote',
    'promote-step',
    'refuse',
    'reject-schema',
    'fail-publish',
    'fail-pre-traffic',
    'interrupted',
  ].includes(name)
    ? 'decision'
    : 'step';
}
