import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { adoptStableVersion } from './adopt-stable-version.ts';
import { loadPublish } from './load-publish.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';

/**
 * Records what the candidate serves (its schema and routes) after the registry's checks
 * against what clients are served now, changing nothing live: the gateways learn of it
 * only when traffic moves. A refusal (a break clients would see, a conflict, a union of
 * both versions that does not compose) ends the deployment here, with the problems.
 */
export async function recordCandidate(run: ModuleRun, p: ModuleProgress): Promise<ModuleProgress> {
  const refusal = await adoptStableVersion(run, p.stable as string);
  if (refusal) return recordProgress(run, { ...p, phase: 'failed' }, 'refuse', refusal);
  const publish = await loadPublish();
  try {
    const { changes } = await publish.recordModuleVersion({
      manifest: run.release.manifest,
      version: p.candidate as string,
      clients: { documents: run.target.documents },
      registryTable: run.target.registryTable,
      resourcePrefix: run.target.resourcePrefix,
      allowBreaking: run.ctx.allowBreaking,
    });
    return recordProgress(
      run,
      { ...p, phase: 'pre-traffic' },
      'record-version',
      `recorded what version ${p.candidate} serves (${changes.length} schema change(s) from version ${p.stable}); nothing live changes until traffic moves`,
    );
  } catch (error) {
    if (!(error instanceof publish.PublishRejectedError)) throw error;
    return recordProgress(run, { ...p, phase: 'failed' }, 'reject-schema', error.message, {
      problems: error.problems,
    });
  }
}
