import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { type ModuleAt, recordProgress } from './module-run.ts';

/**
 * Ends the module's deployment and leaves it where whoever changed it put it: moving it
 * back would undo their decision (a manual rollback, most likely).
 */
export function recordInterrupted(
  run: ModuleAt,
  p: ModuleProgress,
  drift: string,
): Promise<ModuleProgress> {
  return recordProgress(
    run,
    { ...p, phase: 'interrupted' },
    'interrupted',
    `${drift}: changed outside this deployment (a manual rollback?), so left as it is`,
  );
}
