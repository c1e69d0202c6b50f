import type { DeploymentRecord, ModuleProgress } from '../../contracts/deployment-record.ts';
import { createLeaseHeartbeat, DEFAULT_LEASE_MS, newLockHolder } from './create-lease-heartbeat.ts';
import { currentUser } from './current-user.ts';
import type { DeployTarget } from './deploy-target.ts';
import type { DeploymentStore } from './deployment-store.ts';
import { ensurePromoted } from './ensure-promoted.ts';
import { findDrift } from './find-drift.ts';
import { isUnfinished } from './find-resume-problems.ts';
import { createModuleAt, type ModuleAt, type RecordingContext } from './module-run.ts';
import { recordInterrupted } from './record-interrupted.ts';
import { ensureRolledBack, rollBackCandidate } from './roll-back-candidate.ts';

export interface AbortOptions {
  targets: readonly DeployTarget[];
  store: DeploymentStore;
  /** @default 30_000 */
  leaseMs?: number;
  /** Who aborts, for the record. @default the OS user */
  by?: string;
  /** Why, for the record. @default `turnout deploy --abort` */
  reason?: string;
  onEvent?: RecordingContext['onEvent'];
}

/**
 * Takes over a deployment whose orchestrator is gone (its lease lapsed) and ends it:
 * every module in flight back on its stable version (alias, then registry), decisions
 * already recorded carried out, modules someone changed by hand left as they are; then
 * the record says aborted and the locks are released. A deployment that already ended
 * only has its leftover locks released.
 *
 * @throws LeaseHeldError while its orchestrator still renews the lease (it can be stopped with Ctrl-C)
 */
export async function abortRelease(id: string, options: AbortOptions): Promise<DeploymentRecord> {
  const { store } = options;
  const record = await store.get(id);
  const modules = record.plan.waves.flat();
  const holder = newLockHolder(options.leaseMs ?? DEFAULT_LEASE_MS);
  await store.lock(id, modules, holder, { takeOver: true });
  const heartbeat = createLeaseHeartbeat({
    store,
    deploymentId: id,
    modules,
    holder,
    onEnded: () => undefined,
  });
  try {
    const current = await store.get(id);
    if (current.state === 'running') {
      const by = options.by ?? currentUser();
      const ctx: RecordingContext = { deploymentId: id, store, onEvent: options.onEvent };
      for (const [key, p] of Object.entries(current.progress)) {
        if (!isUnfinished(p)) continue;
        const target = options.targets.find((t) => t.name === p.target);
        if (!target) continue;
        const module = key.slice(0, key.indexOf('@'));
        const at = createModuleAt(
          ctx,
          target,
          module,
          current.plan.strategies[module] ?? 'AllAtOnce',
        );
        await endModule(at, p, by);
      }
      const why = options.reason ?? 'turnout deploy --abort';
      await store.finish(id, 'aborted', `aborted by ${by} (${why})`);
    }
  } finally {
    heartbeat.stop();
    await store.unlock(id, modules, holder.owner);
  }
  return store.get(id);
}

/** Ends one module as its record and its alias allow. */
async function endModule(at: ModuleAt, p: ModuleProgress, by: string): Promise<void> {
  const drift = await findDrift(at, p);
  if (drift) {
    await recordInterrupted(at, p, drift);
    return;
  }
  if (p.phase === 'promoted') return ensurePromoted(at, p);
  const back =
    p.phase === 'rolled-back'
      ? p
      : await rollBackCandidate(
          at,
          p,
          `aborted by ${by}: back to version ${p.stable}`,
          undefined,
          'abort',
        );
  await ensureRolledBack(at, back);
}
