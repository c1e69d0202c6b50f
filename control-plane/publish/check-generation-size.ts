import type { SupergraphGeneration } from '../registry/index.ts';
import type { PublishProblem } from './errors.ts';

/** DynamoDB's item limit is 400 KB; keep a margin for attribute names and encoding. */
export const MAX_GENERATION_BYTES = 380_000;

/**
 * A generation holds every module's SDL and the supergraph in one DynamoDB item, so
 * it must fit DynamoDB's 400 KB limit; reject a publish early with the sizes, rather
 * than let the write fail with DynamoDB's bare ValidationException.
 */
export function checkGenerationSize(generation: SupergraphGeneration): PublishProblem[] {
  const bytes = Buffer.byteLength(JSON.stringify(generation));
  if (bytes <= MAX_GENERATION_BYTES) return [];
  const largest = [...generation.subgraphs]
    .sort((a, b) => b.sdl.length - a.sdl.length)
    .slice(0, 3)
    .map((s) => `${s.module} (${Math.round(s.sdl.length / 1000)} KB of SDL)`);
  return [
    {
      code: 'GENERATION_TOO_LARGE',
      message: `The new generation would be ${Math.round(bytes / 1000)} KB, over the registry's ${MAX_GENERATION_BYTES / 1000} KB item budget. Largest subgraphs: ${largest.join(', ')}.`,
      fix: 'Trim descriptions or unused types from the largest SDLs; the registry format must move the artifact out of the item (a REGISTRY_FORMAT change) before it can grow further.',
    },
  ];
}
