import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import type { DeployTarget } from './deploy-target.ts';
import { createModuleRun, type ModuleRelease, type PipelineContext } from './module-run.ts';
import { publishCandidate } from './publish-candidate.ts';
import { publishCandidateSchema } from './publish-candidate-schema.ts';
import { ensureRolledBack } from './roll-back-candidate.ts';
import { runPostTrafficChecks } from './run-post-traffic-checks.ts';
import { runPreTrafficChecks } from './run-pre-traffic-checks.ts';
import { runTrafficStep } from './run-traffic-step.ts';

export type { ModuleRelease, PipelineContext } from './module-run.ts';

export type ModuleOutcome = 'promoted' | 'rolled-back' | 'failed';

/**
 * Deploys one module to one target, resuming from `progress` when an earlier
 * orchestrator stopped part way. Every change of phase is recorded before it acts, so
 * the alias is only ever at a weight the record names.
 */
export async function deployModule(
  ctx: PipelineContext,
  target: DeployTarget,
  release: ModuleRelease,
  progress: ModuleProgress | undefined,
): Promise<ModuleOutcome> {
  const run = createModuleRun(ctx, target, release);
  let current = progress ?? (await publishCandidate(run));
  for (;;) {
    switch (current.phase) {
      case 'published':
        current = await publishCandidateSchema(run, current);
        break;
      case 'pre-traffic':
        current = await runPreTrafficChecks(run, current);
        break;
      case 'shifting':
        current = await runTrafficStep(run, current);
        break;
      case 'post-traffic':
        current = await runPostTrafficChecks(run, current);
        break;
      case 'promoted':
        return 'promoted';
      case 'rolled-back':
        await ensureRolledBack(run, current);
        return 'rolled-back';
      default:
        return 'failed';
    }
  }
}
