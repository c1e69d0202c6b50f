import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DeploymentRecord } from '../../contracts/deployment-record.ts';
import type { DeploymentStore, LockHolder } from './deployment-store.ts';
import { DeploymentEndedError } from './errors.ts';

export interface LeaseHeartbeat {
  stop(): void;
}

/** The default lease: long enough to ride out a slow DynamoDB call, short enough to wait out. */
export const DEFAULT_LEASE_MS = 30_000;

/** Names this orchestrator process in the locks it takes: a run, a resume and an abort differ. */
export function newLockHolder(leaseMs: number = DEFAULT_LEASE_MS): LockHolder {
  return { owner: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, leaseMs };
}

/**
 * Renews a deployment's locks three times per lease, so that they lapse soon after its
 * orchestrator dies and never while it lives. When a lock is no longer ours (someone
 * took the deployment over with `--abort`), or the record says it ended, calls `onEnded`
 * once: the orchestrator must stop and touch nothing. A failed renewal is tried again
 * at the next beat: only a lapse lets anyone take over. `onRecord` gets the record read
 * at each beat while it runs (to see modules a manual rollback interrupted).
 */
export function createLeaseHeartbeat({
  store,
  deploymentId,
  modules,
  holder,
  onEnded,
  onRecord,
}: {
  store: DeploymentStore;
  deploymentId: string;
  modules: string[];
  holder: LockHolder;
  onEnded: (error: DeploymentEndedError) => void;
  onRecord?: (record: DeploymentRecord) => void;
}): LeaseHeartbeat {
  let ended = false;
  let beating = false;
  const beat = async () => {
    if (ended || beating) return;
    beating = true;
    try {
      await store.renew(deploymentId, modules, holder);
      const record = await store.get(deploymentId);
      if (record.state !== 'running')
        throw new DeploymentEndedError(deploymentId, `was ended elsewhere: ${record.state}`);
      onRecord?.(record);
    } catch (error) {
      if (error instanceof DeploymentEndedError) {
        ended = true;
        onEnded(error);
      }
    } finally {
      beating = false;
    }
  };
  const timer = setInterval(beat, Math.max(100, Math.floor(holder.leaseMs / 3)));
  timer.unref();
  return {
    stop() {
      ended = true;
      clearInterval(timer);
    },
  };
}
