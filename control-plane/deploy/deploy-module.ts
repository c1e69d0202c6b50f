import type { DeploymentEvent, ModuleProgress } from '../../contracts/deployment-record.ts';
import type { ModuleManifest } from '../../modules/kit/index.ts';
// The kit's naming file alone: its index loads graphql-tools and zod, which the
// control plane's quick commands (rollback, status) should not wait for.
import { functionName as functionNameOf, LIVE_ALIAS } from '../../modules/kit/resource-names.ts';
import { readLatestGeneration } from '../registry/index.ts';
import { type AliasTraffic, pointAlias, readAliasTraffic, shiftTraffic } from './alias-traffic.ts';
import { type BakeTiming, bake } from './bake.ts';
import type { DeployTarget } from './deploy-target.ts';
import type { DeploymentStore } from './deployment-store.ts';
import type { BakeThresholds } from './judge-health.ts';
import { publishModuleVersion } from './publish-module-version.ts';
import { restoreModuleSchema } from './restore-module-schema.ts';
import { runSmokeChecks } from './run-smoke-checks.ts';
import { parseStrategy, type TrafficStep, trafficSteps } from './traffic-strategy.ts';

/** A module as a release carries it: built once, deployed to every target. */
export interface ModuleRelease {
  manifest: ModuleManifest;
  zip: Uint8Array;
  /** A preset name such as `Canary10Percent5Minutes`. */
  strategy: string;
}

export interface PipelineContext {
  deploymentId: string;
  store: DeploymentStore;
  thresholds: BakeThresholds;
  timing: BakeTiming;
  /** How long the last step (all traffic on the new version) bakes. */
  finalBakeMs: number;
  /** Accept schema changes that break clients. */
  allowBreaking: boolean;
  /** Each step and decision as it is recorded, for a live display. */
  onEvent?: (event: Omit<DeploymentEvent, 'at'>, progress?: ModuleProgress) => void;
}

export type ModuleOutcome = 'promoted' | 'rolled-back' | 'failed';

/**
 * Deploys one module to one target, resuming from `progress` when an earlier
 * orchestrator stopped part way. Every change of phase is recorded before it acts, so
 * the alias is only ever at a weight the record names.
 */
export async function deployModule(
  ctx: PipelineContext,
  target: DeployTarget,
  release: ModuleRelease,
  progress: ModuleProgress | undefined,
): Promise<ModuleOutcome> {
  const run = createModuleRun(ctx, target, release);
  let current = progress ?? (await run.publish());
  for (;;) {
    switch (current.phase) {
      case 'published':
        current = await run.publishSchema(current);
        break;
      case 'pre-traffic':
        current = await run.preTraffic(current);
        break;
      case 'shifting':
        current = await run.shift(current);
        break;
      case 'post-traffic':
        current = await run.postTraffic(current);
        break;
      case 'promoted':
        return 'promoted';
      case 'rolled-back':
        await run.ensureRolledBack(current);
        return 'rolled-back';
      default:
        return 'failed';
    }
  }
}

function createModuleRun(ctx: PipelineContext, target: DeployTarget, release: ModuleRelease) {
  const { manifest } = release;
  const module = manifest.name;
  const ref = { functionName: functionNameOf(module), alias: LIVE_ALIAS };
  const steps = trafficSteps(parseStrategy(release.strategy), ctx.finalBakeMs);

  const record = async (
    next: ModuleProgress,
    name: string,
    detail: string,
    figures?: Record<string, unknown>,
  ) => {
    const event = {
      kind: kindOf(name),
      name,
      detail,
      module,
      target: target.name,
      ...(figures ? { figures } : {}),
    };
    await ctx.store.progress(ctx.deploymentId, module, next, event);
    ctx.onEvent?.(event, next);
    return next;
  };

  const rollBack = async (p: ModuleProgress, reason: string, figures?: Record<string, unknown>) => {
    const next = await record(
      { ...p, phase: 'rolled-back', weight: 0 },
      'rollback',
      reason,
      figures,
    );
    await pointAlias(target.lambda, ref, p.stable as string);
    await restoreSchema(next);
    return next;
  };

  /** The version never went live, so the gateway goes back to the schema it had. */
  const restoreSchema = async (p: ModuleProgress) => {
    if (p.schemaBefore === undefined) return;
    try {
      const generation = await restoreModuleSchema({
        manifest,
        documents: target.documents,
        registryTable: target.registryTable,
        generation: p.schemaBefore,
      });
      if (generation !== undefined) {
        await record(
          p,
          'restore-schema',
          `schema and routes as in generation ${p.schemaBefore}, now generation ${generation}`,
        );
      }
    } catch (error) {
      await record(
        p,
        'restore-schema-failed',
        `${messageOf(error)}: publish the module's previous schema by hand`,
      );
    }
  };

  /** Someone (an operator's `turnout rollback`) moved the alias away from what we set. */
  const changedBehindOurBack = async (p: ModuleProgress) => {
    const traffic = await readAliasTraffic(target.lambda, ref);
    return !sameTraffic(traffic, p);
  };

  const interrupted = (p: ModuleProgress) =>
    record(
      { ...p, phase: 'failed' },
      'interrupted',
      'the alias was changed outside this deployment (a manual rollback?): left as it is',
    );

  return {
    async publish(): Promise<ModuleProgress> {
      const traffic = await readAliasTraffic(target.lambda, ref);
      if (traffic.canary) {
        const detail = `the alias is already split (${traffic.version} and ${traffic.canary.version} at ${traffic.canary.weight}): finish or roll back that deployment first`;
        return record({ phase: 'failed', target: target.name }, 'refuse', detail);
      }
      const { version } = await publishModuleVersion(target.lambda, manifest, release.zip);
      const base = { target: target.name, stable: traffic.version, candidate: version };
      if (version === traffic.version) {
        return record(
          { ...base, phase: 'promoted', weight: 1 },
          'unchanged',
          `version ${version} is already live`,
        );
      }
      return record(
        { ...base, phase: 'published' },
        'publish-version',
        `published version ${version}; live is ${traffic.version}`,
      );
    },

    async publishSchema(p: ModuleProgress): Promise<ModuleProgress> {
      try {
        // Loaded here: composition pulls in graphql-tools, which `turnout rollback` and
        // `status` (sharing this folder) should not pay for at start.
        const { publishModule } = await import('../publish/index.ts');
        const before = await readLatestGeneration(target.documents, target.registryTable);
        const result = await publishModule({
          manifest,
          clients: { documents: target.documents },
          registryTable: target.registryTable,
          allowBreaking: ctx.allowBreaking,
        });
        return record(
          { ...p, phase: 'pre-traffic', schemaBefore: before?.generation },
          'publish-schema',
          `supergraph generation ${result.generation.generation}`,
        );
      } catch (error) {
        return record({ ...p, phase: 'failed' }, 'reject-schema', messageOf(error));
      }
    },

    async preTraffic(p: ModuleProgress): Promise<ModuleProgress> {
      const failure = await smokeFailure(target, ref.functionName, p.candidate as string, manifest);
      if (failure) {
        const failed = await record({ ...p, phase: 'failed' }, 'fail-pre-traffic', failure);
        await restoreSchema(failed);
        return failed;
      }
      return record(
        { ...p, phase: 'shifting', step: 0, shiftStartedMs: ctx.timing.clock.now() },
        'pass-pre-traffic',
        'smoke checks passed on the new version',
      );
    },

    async shift(p: ModuleProgress): Promise<ModuleProgress> {
      const index = p.step ?? 0;
      const step = steps[index] as TrafficStep;
      if (index > 0 && (await changedBehindOurBack(p))) return interrupted(p);
      const shifted = await record(
        { ...p, weight: step.weight },
        'shift',
        `${percent(step.weight)} of traffic to version ${p.candidate}`,
      );
      await shiftTraffic(target.lambda, ref, {
        from: p.stable as string,
        to: p.candidate as string,
        weight: step.weight,
      });
      const stepStartedMs = ctx.timing.clock.now();
      const outcome = await bake(
        target,
        {
          functionName: ref.functionName,
          stable: p.stable as string,
          candidate: p.candidate as string,
          shiftStartedMs: p.shiftStartedMs ?? stepStartedMs,
          stepStartedMs,
          bakeMs: step.bakeMs,
        },
        ctx.thresholds,
        ctx.timing,
      );
      if (outcome.outcome !== 'healthy') return rollBack(shifted, outcome.reason, outcome.figures);
      const last = index === steps.length - 1;
      const next: ModuleProgress = last
        ? { ...shifted, phase: 'post-traffic' }
        : { ...shifted, step: index + 1 };
      return record(next, 'promote-step', `healthy at ${percent(step.weight)}`, outcome.figures);
    },

    async postTraffic(p: ModuleProgress): Promise<ModuleProgress> {
      if (await changedBehindOurBack(p)) return interrupted(p);
      const failure = await smokeFailure(target, ref.functionName, LIVE_ALIAS, manifest);
      if (failure) return rollBack(p, `post-traffic check failed: ${failure}`);
      return record(
        { ...p, phase: 'promoted', weight: 1 },
        'promote',
        `version ${p.candidate} serves all traffic`,
      );
    },

    /** A resumed rollback: the record says rolled back, so make the alias say so too. */
    async ensureRolledBack(p: ModuleProgress): Promise<void> {
      if (p.stable) await pointAlias(target.lambda, ref, p.stable);
      await restoreSchema(p);
    },
  };
}

async function smokeFailure(
  target: DeployTarget,
  functionName: string,
  qualifier: string,
  manifest: ModuleManifest,
): Promise<string | undefined> {
  const results = await runSmokeChecks(target.lambda, {
    functionName,
    qualifier,
    checks: manifest.smokeChecks,
  });
  const failed = results.filter((r) => !r.passed);
  return failed.length ? failed.map((r) => `${r.name}: ${r.detail}`).join('; ') : undefined;
}

/** Whether the alias routes as the progress record says the pipeline last set it. */
function sameTraffic(traffic: AliasTraffic, p: ModuleProgress): boolean {
  const weight = p.weight ?? 0;
  if (weight >= 1) return traffic.version === p.candidate && !traffic.canary;
  if (weight <= 0) return traffic.version === p.stable && !traffic.canary;
  const canary = traffic.canary;
  if (!canary || traffic.version !== p.stable || canary.version !== p.candidate) return false;
  return Math.abs(canary.weight - weight) < 1e-9;
}

function kindOf(name: string): DeploymentEvent['kind'] {
  return [
    'rollback',
    'promote',
    'promote-step',
    'refuse',
    'reject-schema',
    'fail-pre-traffic',
  ].includes(name)
    ? 'decision'
    : 'step';
}

const percent = (weight: number) => `${Math.round(weight * 1000) / 10}%`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
