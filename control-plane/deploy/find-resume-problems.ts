import type { DeploymentRecord, ModuleProgress } from '../../contracts/deployment-record.ts';
import type { DeployTarget } from './deploy-target.ts';
import { findDrift } from './find-drift.ts';
import { createModuleAt, type RecordingContext } from './module-run.ts';

/**
 * Why resuming the deployment would undo someone's decision: a module a manual rollback
 * interrupted, or one whose alias or registry release no longer stands where the record
 * left it. Read only: a refused resume changes nothing.
 */
export async function findResumeProblems(
  record: DeploymentRecord,
  targets: readonly DeployTarget[],
  ctx: RecordingContext,
): Promise<string[]> {
  const problems = await Promise.all(
    Object.entries(record.progress).map(async ([key, p]) => {
      const module = key.slice(0, key.indexOf('@'));
      if (p.phase === 'interrupted')
        return `${key} was interrupted: ${lastInterruption(record, module, p)}`;
      if (!isUnfinished(p)) return undefined;
      const target = targets.find((t) => t.name === p.target);
      if (!target) return `${key}: target ${p.target} is not in this environment`;
      const strategy = record.plan.strategies[module] ?? 'AllAtOnce';
      const drift = await findDrift(createModuleAt(ctx, target, module, strategy), p);
      return drift && `${key}: ${drift}`;
    }),
  );
  return problems.filter((p): p is string => p !== undefined);
}

/** Phases a resume would act on: in flight, or decided and not yet applied. */
export function isUnfinished(p: ModuleProgress): boolean {
  return [
    'published',
    'pre-traffic',
    'shifting',
    'post-traffic',
    'promoted',
    'rolled-back',
  ].includes(p.phase);
}

function lastInterruption(record: DeploymentRecord, module: string, p: ModuleProgress): string {
  const event = record.events.findLast(
    (e) => e.name === 'interrupted' && e.module === module && e.target === p.target,
  );
  return event?.detail ?? 'changed outside the deployment';
}
