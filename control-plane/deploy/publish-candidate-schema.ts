import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { readLatestGeneration } from '../registry/index.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';

/**
 * Publishes the module's schema and routes before any traffic moves, noting the
 * generation before them so that a deployment that fails can put it back. A schema the
 * registry refuses (a break clients would see, a conflict) ends the deployment here.
 */
export async function publishCandidateSchema(
  run: ModuleRun,
  p: ModuleProgress,
): Promise<ModuleProgress> {
  const { target } = run;
  try {
    // Loaded here: composition pulls in graphql-tools, which `turnout rollback` and
    // `status` (sharing this folder) should not pay for at start.
    const { publishModule } = await import('../publish/index.ts');
    const before = await readLatestGeneration(target.documents, target.registryTable);
    const result = await publishModule({
      manifest: run.release.manifest,
      clients: { documents: target.documents },
      registryTable: target.registryTable,
      allowBreaking: run.ctx.allowBreaking,
    });
    return recordProgress(
      run,
      { ...p, phase: 'pre-traffic', schemaBefore: before?.generation },
      'publish-schema',
      `supergraph generation ${result.generation.generation}`,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return recordProgress(run, { ...p, phase: 'failed' }, 'reject-schema', reason);
  }
}
