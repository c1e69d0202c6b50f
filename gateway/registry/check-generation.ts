import { REGISTRY_FORMAT, type SupergraphGeneration } from '../../contracts/registry.ts';
import { GenerationLoadError } from '../errors.ts';

/**
 * Checks a registry item is a generation this gateway reads; throws a GenerationLoadError
 * carrying the generation's number (so the watcher skips it) when it is not.
 *
 * @example
 * const generation = checkGeneration(item);
 */
export function checkGeneration(item: Record<string, unknown>): SupergraphGeneration {
  const generation = item as unknown as SupergraphGeneration;
  if (generation.format !== REGISTRY_FORMAT) {
    throw new GenerationLoadError(
      `Generation ${String(generation.generation)} has registry format ${String(generation.format)}; this gateway reads format ${REGISTRY_FORMAT}. Deploy a gateway that reads it.`,
      { generation: generation.generation },
    );
  }
  if (typeof generation.generation !== 'number') {
    throw new GenerationLoadError(`Registry item ${String(item.sk)} has no generation number`);
  }
  if (!Array.isArray(generation.subgraphs) || !Array.isArray(generation.routes)) {
    throw new GenerationLoadError(
      `Generation ${String(generation.generation)} lacks its subgraphs or routes list`,
      { generation: generation.generation },
    );
  }
  return generation;
}
