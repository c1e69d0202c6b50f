import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { type AliasTraffic, readAliasTraffic } from './alias-traffic.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';

/** Someone (an operator's `turnout rollback`) moved the alias away from what we set. */
export async function changedBehindOurBack(run: ModuleRun, p: ModuleProgress): Promise<boolean> {
  const traffic = await readAliasTraffic(run.target.lambda, run.ref);
  return !sameTraffic(traffic, p);
}

/** Ends the deployment and leaves the alias where whoever moved it put it. */
export function recordInterrupted(run: ModuleRun, p: ModuleProgress): Promise<ModuleProgress> {
  return recordProgress(
    run,
    { ...p, phase: 'failed' },
    'interrupted',
    'the alias was changed outside this deployment (a manual rollback?): left as it is',
  );
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
