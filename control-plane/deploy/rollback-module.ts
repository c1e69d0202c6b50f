import { randomBytes } from 'node:crypto';
import { type LambdaClient, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { type DeploymentRecord, progressKey } from '../../contracts/deployment-record.ts';
// The naming file alone: the kit's index loads graphql-tools and zod, and a rollback
// must not wait for them.
import { functionName as functionNameOf, LIVE_ALIAS } from '../../modules/kit/resource-names.ts';
import { pointAlias, readAliasTraffic } from './alias-traffic.ts';
import { currentUser } from './current-user.ts';
import type { DeployTarget } from './deploy-target.ts';
import type { DeploymentStore } from './deployment-store.ts';
import { InvalidRollbackTargetError, NothingToRollBackError } from './errors.ts';
import { releaseStableVersion } from './release-stable-version.ts';

export interface RollbackOptions {
  target: DeployTarget;
  module: string;
  store: DeploymentStore;
  /** Recent deployments, newest first: where the previous version is found, and the running ones it interrupts. */
  deployments?: readonly DeploymentRecord[];
  /** Who rolls back, for the record. @default the OS user */
  by?: string;
  /** Why, for the record (`--reason`). */
  reason?: string;
  /** The version to go back to (`--to`). @default the version it served before */
  toVersion?: string;
}

export interface RollbackResult {
  module: string;
  target: string;
  from: string;
  to: string;
  /** How long the one UpdateAlias call took. */
  updateMs: number;
  /** The generation that names `to` alone, when the registry had to be told. */
  generation?: number;
  /** Why the registry could not be told: traffic is back regardless. */
  releaseError?: string;
  /** The running deployments of the module it interrupted. */
  interrupted: string[];
}

/**
 * Sends all of a module's traffic back to the version it served before, with one
 * UpdateAlias call, then makes the registry say that version alone serves it (its
 * schema and routes, nothing the newer version added). Mid-shift, that is the alias'
 * primary version; after a promotion, the `stable` version of the module's newest
 * deployment, or else the version before the live one. Any running deployment of the
 * module is marked interrupted first, so its orchestrator, or a resume, leaves the
 * module alone; the rollback itself is recorded (who, why, when, from and to).
 */
export async function rollbackModule(options: RollbackOptions): Promise<RollbackResult> {
  const { target, module, store, deployments = [] } = options;
  const ref = { functionName: functionNameOf(module, target.resourcePrefix), alias: LIVE_ALIAS };
  const traffic = await readAliasTraffic(target.lambda, ref);
  const from = traffic.canary ? traffic.canary.version : traffic.version;
  const to = options.toVersion
    ? await chosenVersion(target.lambda, ref.functionName, options.toVersion, module, traffic)
    : traffic.canary
      ? traffic.version
      : await previousVersion(
          target.lambda,
          ref.functionName,
          traffic.version,
          module,
          deployments,
        );
  const by = options.by ?? currentUser();
  const detail = `rolled back by hand by ${by}${options.reason ? ` (${options.reason})` : ''}: version ${from} -> ${to}`;
  const interrupted = await interruptRunning(options, detail);
  const started = performance.now();
  await pointAlias(target.lambda, ref, to);
  const updateMs = performance.now() - started;
  const release = await releaseTo(target, module, to);
  await store.recordManualRollback({
    id: newRollbackId(),
    module,
    target: target.name,
    from,
    to,
    by,
    ...(options.reason ? { reason: options.reason } : {}),
    at: new Date().toISOString(),
    interrupted,
    ...(release.generation !== undefined ? { generation: release.generation } : {}),
  });
  return { module, target: target.name, from, to, updateMs, ...release, interrupted };
}

/** Marks the module in every running deployment of it as interrupted. */
async function interruptRunning(options: RollbackOptions, detail: string): Promise<string[]> {
  const { target, module, store, deployments = [] } = options;
  const running = deployments.filter(
    (d) =>
      d.state === 'running' &&
      d.plan.waves.flat().includes(module) &&
      d.plan.targets.includes(target.name),
  );
  const marked = await Promise.all(
    running.map(async (d) => {
      const progress = d.progress[progressKey(module, target.name)] ?? {
        phase: 'pending' as const,
        target: target.name,
      };
      const event = {
        kind: 'decision' as const,
        name: 'interrupted',
        module,
        target: target.name,
        detail,
      };
      return (await store.interrupt(d.id, module, { ...progress, phase: 'interrupted' }, event))
        ? d.id
        : undefined;
    }),
  );
  return marked.filter((id): id is string => id !== undefined);
}

async function releaseTo(
  target: DeployTarget,
  module: string,
  version: string,
): Promise<{ generation?: number; releaseError?: string }> {
  try {
    const generation = await releaseStableVersion(target, module, version);
    return generation === undefined ? {} : { generation };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { releaseError: `the registry still serves what the newer version added: ${reason}` };
  }
}

async function previousVersion(
  lambda: LambdaClient,
  functionName: string,
  live: string,
  module: string,
  deployments: readonly DeploymentRecord[],
): Promise<string> {
  for (const record of deployments) {
    for (const [key, progress] of Object.entries(record.progress)) {
      const ours = key.startsWith(`${module}@`);
      if (ours && progress.candidate === live && progress.stable && progress.stable !== live)
        return progress.stable;
    }
  }
  const { Versions = [] } = await lambda.send(
    new ListVersionsByFunctionCommand({ FunctionName: functionName }),
  );
  const earlier = Versions.map((v) => Number(v.Version))
    .filter((v) => Number.isInteger(v) && v < Number(live))
    .sort((a, b) => b - a);
  if (earlier[0] === undefined) throw new NothingToRollBackError(module, live);
  return String(earlier[0]);
}

/** A version the operator named: published, and not the one serving everything already. */
async function chosenVersion(
  lambda: LambdaClient,
  functionName: string,
  version: string,
  module: string,
  traffic: { version: string; canary?: unknown },
): Promise<string> {
  if (version === traffic.version && !traffic.canary)
    throw new InvalidRollbackTargetError(module, version, 'it already serves all traffic');
  const { Versions = [] } = await lambda.send(
    new ListVersionsByFunctionCommand({ FunctionName: functionName }),
  );
  if (!Versions.some((v) => v.Version === version && version !== '$LATEST'))
    throw new InvalidRollbackTargetError(
      module,
      version,
      `it has no such published version (it has ${Versions.map((v) => v.Version)
        .filter((v) => v !== '$LATEST')
        .join(', ')})`,
    );
  return version;
}

/** Sortable by time like deployment ids: `r-20261122T083000-1a2b3c`. */
function newRollbackId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `r-${stamp}-${randomBytes(3).toString('hex')}`;
}
