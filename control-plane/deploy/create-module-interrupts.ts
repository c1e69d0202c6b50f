import { type DeploymentRecord, progressKey } from '../../contracts/deployment-record.ts';
import { ModuleInterruptedError } from './errors.ts';

export interface ModuleInterrupts {
  /** Aborts, with a ModuleInterruptedError, once the record says the module was interrupted. */
  signalFor(module: string, target: string): AbortSignal;
  /** Reads a fresh record: every module a manual rollback interrupted stops its step now. */
  interruptFrom(record: DeploymentRecord): void;
}

/**
 * One AbortSignal per module and target of a running deployment, so a `turnout rollback`
 * (which marks the module interrupted in the record) stops its bake or its wait at the
 * orchestrator's next heartbeat instead of at the end of the step. The module is then
 * left as the rollback put it.
 */
export function createModuleInterrupts(): ModuleInterrupts {
  const controllers = new Map<string, AbortController>();
  const controllerOf = (key: string) => {
    const existing = controllers.get(key);
    if (existing) return existing;
    const created = new AbortController();
    controllers.set(key, created);
    return created;
  };
  return {
    signalFor: (module, target) => controllerOf(progressKey(module, target)).signal,
    interruptFrom(record) {
      for (const [key, progress] of Object.entries(record.progress)) {
        if (progress.phase !== 'interrupted') continue;
        const controller = controllerOf(key);
        if (controller.signal.aborted) continue;
        const module = key.slice(0, key.indexOf('@'));
        controller.abort(new ModuleInterruptedError(record.id, module, progress.target));
      }
    },
  };
}
