import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';
import { restoreModuleSchema } from './restore-module-schema.ts';

/**
 * The version never went live, so the gateway goes back to the schema it had before
 * this deployment published. A failure here is recorded, not thrown: the traffic
 * decision stands, and the record tells the operator to publish the schema by hand.
 */
export async function restorePreviousSchema(run: ModuleRun, p: ModuleProgress): Promise<void> {
  if (p.schemaBefore === undefined) return;
  try {
    const generation = await restoreModuleSchema({
      manifest: run.release.manifest,
      documents: run.target.documents,
      registryTable: run.target.registryTable,
      generation: p.schemaBefore,
    });
    if (generation !== undefined) {
      await recordProgress(
        run,
        p,
        'restore-schema',
        `schema and routes as in generation ${p.schemaBefore}, now generation ${generation}`,
      );
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await recordProgress(
      run,
      p,
      'restore-schema-failed',
      `${reason}: publish the module's previous schema by hand`,
    );
  }
}
