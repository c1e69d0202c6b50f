import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { printSchema } from 'graphql';
import { cellUnitName } from '../../contracts/cell-map.ts';
import {
  generationKey,
  REGISTRY_FORMAT,
  readLatestGeneration,
  readModuleRecord,
  type SupergraphGeneration,
  writePublication,
} from '../registry/index.ts';
import { composeSupergraph } from './compose-supergraph.ts';
import { withRegistryRetries } from './with-registry-retries.ts';

export interface RetireModuleOptions {
  module: string;
  clients: { documents: DynamoDBDocumentClient };
  registryTable: string;
  /** @default the system clock */
  clock?: { now(): Date };
  /** How often to read and write again when another publish wins the race. @default 5 */
  maxAttempts?: number;
}

/**
 * Takes a module out of the registry: writes the generation after the latest without
 * its subgraph, its routes, its releases (its cells' too) and its cell map, and deletes
 * its module record, in one transaction, so the gateways stop serving it at their next
 * load. Its version records stay, as history.
 *
 * Clients lose the module's fields and paths, so this is a module team's act on its own
 * machine: `turnout dev` calls it when a module's folder is removed. In AWS a module is
 * retired with its stack; no command calls this there yet.
 *
 * @returns the generation written, or undefined when the registry serves nothing of the module
 * @throws PublishConflictError when other publishes won the race `maxAttempts` times
 * @example
 * await retireModule({ module: 'greet', clients, registryTable: DEFAULT_REGISTRY_TABLE });
 */
export async function retireModule(
  options: RetireModuleOptions,
): Promise<SupergraphGeneration | undefined> {
  const { module, registryTable: table } = options;
  const { documents } = options.clients;
  return withRegistryRetries(module, options.maxAttempts, async () => {
    const [latest, record] = await Promise.all([
      readLatestGeneration(documents, table),
      readModuleRecord(documents, table, module),
    ]);
    const generation = latest && planRetirement(module, latest, options.clock?.now() ?? new Date());
    if (!generation && !record) return undefined;
    await writePublication(documents, table, {
      generation,
      ...(record ? { retiredRecord: { module, revision: record.revision } } : {}),
    });
    return generation;
  });
}

/** The generation after `latest` without `module`, or undefined when `latest` serves nothing of it. */
export function planRetirement(
  module: string,
  latest: SupergraphGeneration,
  now: Date,
): SupergraphGeneration | undefined {
  const cellMap = latest.cells?.[module];
  const units = new Set([
    module,
    ...(cellMap?.cells ?? []).map((c) => cellUnitName(module, c.name)),
  ]);
  const served =
    cellMap !== undefined ||
    latest.subgraphs.some((s) => s.module === module) ||
    latest.routes.some((r) => r.module === module) ||
    Object.keys(latest.releases ?? {}).some((unit) => units.has(unit));
  if (!served) return undefined;
  const subgraphs = latest.subgraphs.filter((s) => s.module !== module);
  const number = latest.generation + 1;
  const { [module]: _retired, ...cells } = latest.cells ?? {};
  return {
    ...generationKey(number),
    format: REGISTRY_FORMAT,
    generation: number,
    createdAt: now.toISOString(),
    publishedBy: `${module} (retired)`,
    subgraphs,
    routes: latest.routes.filter((r) => r.module !== module),
    // Each subgraph's SDL stands alone, and stitching only merges them: what composed with
    // the module composes without it.
    supergraphSdl: subgraphs.length > 0 ? printSchema(composeSupergraph(subgraphs)) : '',
    ...(latest.releases
      ? {
          releases: Object.fromEntries(
            Object.entries(latest.releases).filter(([unit]) => !units.has(unit)),
          ),
        }
      : {}),
    ...(latest.cells ? { cells } : {}),
  };
}
