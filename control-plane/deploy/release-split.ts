import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { loadPublish } from './load-publish.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';
import { waitForGateways } from './wait-for-gateways.ts';

/**
 * Tells the registry that the stable version and the candidate share the module at the
 * step's weight: the union of their schemas, with what only one of them serves. At the
 * first split it also waits until every gateway of the target serves that generation,
 * so no gateway meets a field of the candidate it does not know once traffic moves;
 * later steps change only the weight.
 *
 * @returns why traffic must not move (the deployment rolls back), or undefined
 */
export async function releaseSplit(run: ModuleRun, p: ModuleProgress): Promise<string | undefined> {
  const publish = await loadPublish();
  const weight = p.weight as number;
  let generation: number;
  try {
    const written = await publish.releaseModule({
      module: run.module,
      stable: p.stable as string,
      candidate: { version: p.candidate as string, weight },
      clients: { documents: run.target.documents },
      registryTable: run.target.registryTable,
      resourcePrefix: run.target.resourcePrefix,
    });
    generation = written.generation;
  } catch (error) {
    if (!(error instanceof publish.PublishRejectedError)) throw error;
    return `the registry would not serve both versions: ${error.message}`;
  }
  const lagging = (p.step ?? 0) === 0 ? await waitForFirstSplit(run, generation) : undefined;
  if (lagging) return lagging;
  // The last write before the alias moves, and a conditional one: a manual rollback
  // that interrupted the module meanwhile stops it here, before traffic moves.
  await recordProgress(
    run,
    p,
    'release-split',
    `generation ${generation}: versions ${p.stable} and ${p.candidate} serve ${run.module}`,
  );
  return undefined;
}

async function waitForFirstSplit(run: ModuleRun, generation: number): Promise<string | undefined> {
  const urls = run.target.gatewayUrls;
  const behind = await waitForGateways({
    urls,
    token: run.target.gatewayHealthToken,
    generation,
    timeoutMs: run.ctx.gatewayWaitMs,
    signal: run.signal,
  });
  if (behind.length === 0) return undefined;
  const which = behind.map((b) => `${b.url} (${b.serving})`).join(', ');
  return `the gateways did not serve generation ${generation} within ${run.ctx.gatewayWaitMs / 1000} s: ${which}; traffic never moved. Check that they poll the registry (their logs say why a generation failed to load)`;
}
