import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import { readGeneration } from '../registry/index.ts';

/**
 * Puts a module's schema and routes back as they were in `generation`, by publishing
 * them again as a new generation (other modules may have published since, so the old
 * generation cannot simply be served again). A deployment does this when its version
 * never went live: the gateway must not serve fields that the live version lacks.
 *
 * @returns the new generation, or undefined when there was nothing to restore.
 */
export async function restoreModuleSchema({
  manifest,
  documents,
  registryTable,
  generation,
}: {
  manifest: ModuleManifest;
  documents: DynamoDBDocumentClient;
  registryTable: string;
  generation: number;
}): Promise<number | undefined> {
  const before = await readGeneration(documents, registryTable, generation);
  if (!before) return undefined;
  const subgraph = before.subgraphs.find((s) => s.module === manifest.name);
  const prefixes = before.routes.filter((r) => r.module === manifest.name).map((r) => r.prefix);
  if (!subgraph && prefixes.length === 0) return undefined;
  const { publishModule } = await import('../publish/index.ts');
  const restored = await publishModule({
    manifest: {
      ...manifest,
      graphql: subgraph ? { sdl: subgraph.sdl } : undefined,
      rest: prefixes.length ? { prefixes } : undefined,
    },
    clients: { documents },
    registryTable,
    // Going back to what clients had before is never a break for them.
    allowBreaking: true,
  });
  return restored.generation.generation;
}
