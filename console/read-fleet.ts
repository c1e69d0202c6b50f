import type { DeploymentRecord, ModuleLock } from '../contracts/deployment-record.ts';
import type { SupergraphGeneration } from '../contracts/registry.ts';
import { readAliasTraffic } from '../control-plane/deploy/alias-traffic.ts';
import type { DeployTarget } from '../control-plane/deploy/deploy-target.ts';
import { listModuleRecords } from '../control-plane/registry/list-module-records.ts';
import { readLatestGeneration } from '../control-plane/registry/read-latest-generation.ts';
import { type StatusUnit, statusUnitsOf } from '../control-plane/registry/status-units.ts';
import type { ConsoleEnvironment } from './console-environment.ts';
import { readVersionHealth, type VersionHealthView } from './read-version-health.ts';

/** How far back the fleet's health looks. */
export const FLEET_HEALTH_WINDOW_MS = 5 * 60_000;

export interface FleetModule {
  module: string;
  tier: string;
  owner: string;
  /** The deploy target (stage or Region) this row is about. */
  target: string;
  /** A cellular module's cell: each has its own function and version, and a row. */
  cell?: string;
  liveVersion: string;
  /** Alias weights by version, 0..1. */
  weights: Record<string, number>;
  /** Per version the alias routes to, over the last FLEET_HEALTH_WINDOW_MS. */
  health: VersionHealthView[];
  /** Running deployments of the module. */
  deployments: string[];
}

/** Something an operator must decide on. */
export interface WaitingDecision {
  deploymentId: string;
  modules: string[];
  /** What it waits for, in words. */
  why: string;
  /** What can be done: promote and abort while an orchestrator drives it, abort alone otherwise. */
  actions: ('promote' | 'abort')[];
}

export interface Fleet {
  environment: string;
  readAt: string;
  healthWindowMs: number;
  modules: FleetModule[];
  deployments: { id: string; state: string; createdAt: string; modules: string[] }[];
  waiting: WaitingDecision[];
  /** The cellular modules and their cells (each has a page: `/modules/<name>/cells`). */
  cells: { module: string; cells: string[]; buckets: number }[];
}

/**
 * Every module in every target with its live version, weights and recent health, the
 * recent deployments, and what waits for an operator: read from the registry, the
 * aliases, the health sources and the deployment records, as `turnout status` reads them.
 */
export async function readFleet(env: ConsoleEnvironment, now = Date.now()): Promise<Fleet> {
  const [records, latest, deployments] = await Promise.all([
    listModuleRecords(env.clients.documents, env.registryTable),
    readLatestGeneration(env.clients.documents, env.registryTable),
    env.store.list(),
  ]);
  const running = deployments.filter((d) => d.state === 'running');
  const units = records.flatMap((record) => statusUnitsOf(record, latest));
  const modules = (
    await Promise.all(env.targets.map((t) => readTargetModules(t, units, running, now)))
  ).flat();
  const locks = await env.store.locks([...new Set(running.flatMap((d) => d.plan.waves.flat()))]);
  return {
    environment: env.description,
    readAt: new Date(now).toISOString(),
    healthWindowMs: FLEET_HEALTH_WINDOW_MS,
    modules,
    deployments: deployments.slice(0, 20).map((d) => ({
      id: d.id,
      state: d.state,
      createdAt: d.createdAt,
      modules: d.plan.waves.flat(),
    })),
    waiting: running.map((d) => waitingOn(d, locks, now)),
    cells: cellularModules(latest),
  };
}

function cellularModules(latest: SupergraphGeneration | undefined): Fleet['cells'] {
  return Object.entries(latest?.cells ?? {}).map(([module, map]) => ({
    module,
    cells: map.cells.map((c) => c.name),
    buckets: map.buckets,
  }));
}

async function readTargetModules(
  target: DeployTarget,
  units: StatusUnit[],
  running: DeploymentRecord[],
  now: number,
): Promise<FleetModule[]> {
  return Promise.all(
    units.map(async ({ record: r, cell, functionName, alias }) => {
      const traffic = await readAliasTraffic(target.lambda, { functionName, alias });
      const canaryWeight = traffic.canary?.weight ?? 0;
      const weights: Record<string, number> = { [traffic.version]: 1 - canaryWeight };
      if (traffic.canary) weights[traffic.canary.version] = canaryWeight;
      const health = await Promise.all(
        Object.keys(weights).map((version) =>
          readVersionHealth(target.healthSources, {
            functionName,
            version,
            sinceMs: now - FLEET_HEALTH_WINDOW_MS,
            untilMs: now,
          }),
        ),
      );
      return {
        module: r.name,
        tier: r.tier,
        owner: r.owner,
        target: target.name,
        ...(cell ? { cell } : {}),
        liveVersion: traffic.version,
        weights,
        health,
        deployments: running
          .filter(
            (d) => d.plan.waves.flat().includes(r.name) && d.plan.targets.includes(target.name),
          )
          .map((d) => d.id),
      };
    }),
  );
}

function waitingOn(d: DeploymentRecord, locks: ModuleLock[], now: number): WaitingDecision {
  const modules = d.plan.waves.flat();
  const driven = locks.some((l) => l.deploymentId === d.id && (l.leaseExpiresAt ?? 0) > now);
  if (!driven)
    return {
      deploymentId: d.id,
      modules,
      why: 'its orchestrator is gone (lease lapsed): abort it here, or resume it with `turnout deploy --resume`',
      actions: ['abort'],
    };
  const baking = Object.entries(d.progress)
    .filter(([, p]) => p.phase === 'shifting')
    .map(([key, p]) => `${key} at ${Math.round((p.weight ?? 0) * 1000) / 10}%`);
  return {
    deploymentId: d.id,
    modules,
    why: baking.length
      ? `baking ${baking.join(', ')}: promote now or abort`
      : 'running: promote now or abort',
    actions: ['promote', 'abort'],
  };
}
