import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type DeploymentPlan,
  type DeploymentRecord,
  progressKey,
} from '../../contracts/deployment-record.ts';
import { buildModule, zipBundle } from '../build/index.ts';
import type { DiscoveredModule } from '../module-catalog/index.ts';
import type { BakeTiming } from './bake.ts';
import {
  deployModule,
  type ModuleOutcome,
  type ModuleRelease,
  type PipelineContext,
} from './deploy-module.ts';
import type { DeployTarget } from './deploy-target.ts';
import type { DeploymentStore } from './deployment-store.ts';
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
}

/**
 * Releases modules in waves by criticality tier, less critical first, to each target in
 * order. A wave starts only when the previous one baked healthy; a failure rolls back
 * the failing module and stops the release, leaving later waves untouched.
 */
export async function runRelease(options: ReleaseOptions): Promise<DeploymentRecord> {
  const releases = await buildReleases(options);
  const plan = planOf(options, releases);
  const id = newDeploymentId();
  const modules = [...releases.keys()];
  await options.store.lock(id, modules);
  await options.store.create(id, plan);
  return drive(id, plan, releases, options);
}

/**
 * Picks up a deployment whose orchestrator died: each module continues from the phase
 * its record names (re-applying the weight the record last chose), so it finishes or
 * rolls back cleanly.
 */
export async function resumeRelease(
  id: string,
  options: ReleaseOptions,
): Promise<DeploymentRecord> {
  const record = await options.store.get(id);
  if (record.state !== 'running') return record;
  const wanted = new Set(record.plan.waves.flat());
  const releases = await buildReleases({
    ...options,
    modules: options.modules.filter((m) => wanted.has(m.manifest.name)),
  });
  await options.store.lock(id, [...wanted]);
  await options.store.event(id, {
    kind: 'step',
    name: 'resume',
    detail: `resumed by process ${process.pid}`,
  });
  return drive(id, record.plan, releases, options, record);
}

async function drive(
  id: string,
  plan: DeploymentPlan,
  releases: Map<string, ModuleRelease>,
  options: ReleaseOptions,
  previous?: DeploymentRecord,
): Promise<DeploymentRecord> {
  const ctx = contextOf(id, options);
  try {
    const failure = await deployWaves(ctx, plan, releases, options.targets, previous);
    if (failure) {
      await options.store.event(id, {
        kind: 'decision',
        name: 'stop-release',
        detail: failure.detail,
      });
      await options.store.finish(
        id,
        failure.outcome === 'rolled-back' ? 'rolled-back' : 'failed',
        failure.detail,
      );
    } else {
      await options.store.finish(id, 'succeeded');
    }
  } finally {
    await options.store.unlock(id, plan.waves.flat());
  }
  return options.store.get(id);
}

async function deployWaves(
  ctx: PipelineContext,
  plan: DeploymentPlan,
  releases: Map<string, ModuleRelease>,
  targets: readonly DeployTarget[],
  previous?: DeploymentRecord,
): Promise<{ outcome: ModuleOutcome; detail: string } | undefined> {
  for (const target of targets) {
    for (const [index, wave] of plan.waves.entries()) {
      const outcomes = await Promise.all(
        wave.map((module) =>
          deployModule(
            ctx,
            target,
            releases.get(module) as ModuleRelease,
            previous?.progress[progressKey(module, target.name)],
          ),
        ),
      );
      const failed = wave.filter((_, i) => outcomes[i] !== 'promoted');
      if (failed.length) {
        const later = plan.waves.slice(index + 1).flat();
        const detail =
          `${failed.join(', ')} did not promote in ${target.name} (wave ${index + 1} of ${plan.waves.length}); ` +
          `the release stops${later.length ? `, and ${later.join(', ')} will not be touched` : ''}`;
        return { outcome: outcomes.includes('rolled-back') ? 'rolled-back' : 'failed', detail };
      }
    }
  }
  return undefined;
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

function contextOf(id: string, options: ReleaseOptions): PipelineContext {
  return {
    deploymentId: id,
    store: options.store,
    thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    timing: {
      clock: Date,
      sleep: (ms) => sleep(ms),
      pollMs: 1_000,
      maxTrafficWaitMs: 5 * 60_000,
      ...options.timing,
    },
    finalBakeMs: options.finalBakeMs ?? 60_000,
    allowBreaking: options.allowBreaking ?? false,
    onEvent: options.onEvent,
  };
}

/** Sortable by time, unique enough to never collide: `d-20261122T083000-1a2b3c`. */
function newDeploymentId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `d-${stamp}-${randomBytes(3).toString('hex')}`;
}
