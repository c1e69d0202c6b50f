import type { DeploymentRecord } from '../../contracts/deployment-record.ts';
import { abortRelease } from './abort-release.ts';
import type { DeployTarget } from './deploy-target.ts';
import type { DeploymentStore } from './deployment-store.ts';
import { DeploymentNotRunningError, NoOrchestratorError } from './errors.ts';

export interface SteerOptions {
  store: DeploymentStore;
  targets: readonly DeployTarget[];
  /** Who asks, for the record. */
  by: string;
  /** Why, for the record. */
  reason: string;
}

/**
 * Aborts a running deployment from another process. While its orchestrator lives (its
 * lease is renewed), the record asks it to, and it rolls back at its next safe point
 * as on Ctrl-C; once the orchestrator is gone, this takes it over and rolls back itself,
 * as `turnout deploy --abort` does.
 *
 * @returns 'requested' (the orchestrator will act) or 'aborted' (done here)
 * @throws DeploymentNotRunningError when it already ended
 */
export async function abortDeployment(
  id: string,
  options: SteerOptions,
): Promise<'requested' | 'aborted'> {
  const record = await runningRecord(id, options.store);
  if (await hasLiveOrchestrator(record, options.store)) {
    await options.store.request(id, { action: 'abort', by: options.by, reason: options.reason });
    return 'requested';
  }
  await abortRelease(id, { ...options });
  return 'aborted';
}

/**
 * Asks a running deployment's orchestrator to promote now: the rest of every bake is
 * skipped (all traffic to the new version, then the post-traffic checks).
 *
 * @throws NoOrchestratorError when nothing drives it; DeploymentNotRunningError when it ended
 */
export async function promoteDeployment(id: string, options: SteerOptions): Promise<void> {
  const record = await runningRecord(id, options.store);
  if (!(await hasLiveOrchestrator(record, options.store))) throw new NoOrchestratorError(id);
  await options.store.request(id, { action: 'promote', by: options.by, reason: options.reason });
}

async function runningRecord(id: string, store: DeploymentStore): Promise<DeploymentRecord> {
  const record = await store.get(id);
  if (record.state !== 'running')
    throw new DeploymentNotRunningError(id, record.state, record.reason);
  return record;
}

/** Whether an orchestrator still renews this deployment's lease on one of its modules. */
export async function hasLiveOrchestrator(
  record: DeploymentRecord,
  store: DeploymentStore,
  now = Date.now(),
): Promise<boolean> {
  const locks = await store.locks(record.plan.waves.flat());
  return locks.some((l) => l.deploymentId === record.id && (l.leaseExpiresAt ?? 0) > now);
}
