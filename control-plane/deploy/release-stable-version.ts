import { readLatestGeneration } from '../registry/read-latest-generation.ts';
import type { DeployTarget } from './deploy-target.ts';
import { loadPublish } from './load-publish.ts';

/**
 * Makes the registry say `version` alone serves the module: its schema and routes, and
 * nothing another version added or kept. Writes a generation only when the latest says
 * otherwise, so a way back that finds the registry already there loads no composition.
 *
 * @returns the generation written, or undefined when the registry already said so
 * @throws PublishRejectedError when the version was never recorded
 */
export async function releaseStableVersion(
  target: DeployTarget,
  module: string,
  version: string,
): Promise<number | undefined> {
  const latest = await readLatestGeneration(target.documents, target.registryTable);
  const release = latest?.releases?.[module];
  if (release?.stable === version && !release.candidate) return undefined;
  const { releaseModule } = await loadPublish();
  const generation = await releaseModule({
    module,
    stable: version,
    clients: { documents: target.documents },
    registryTable: target.registryTable,
    resourcePrefix: target.resourcePrefix,
  });
  return generation.generation;
}
