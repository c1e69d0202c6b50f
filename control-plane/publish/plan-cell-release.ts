import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  generationKey,
  readVersionRecord,
  type SupergraphGeneration,
  type VersionRecord,
} from '../registry/index.ts';
import { PublishRejectedError } from './errors.ts';

interface CellReleaseOptions {
  /** The cell's unit name, e.g. `gatepass-cell-2`. */
  module: string;
  stable: string;
  candidate?: { version: string; weight: number };
  clients: { documents: DynamoDBDocumentClient };
  registryTable: string;
  clock?: { now(): Date };
}

/**
 * The generation that says which versions serve one cell: the latest with the cell's
 * release replaced and nothing else changed. A cell's version serves its module's
 * schema and routes (`recordCellVersion` refuses one that differs), so the supergraph
 * and the routing table stay as they are while each cell moves on its own.
 *
 * @throws PublishRejectedError when a version of the cell was never recorded
 */
export async function planCellRelease(
  options: CellReleaseOptions,
  latest: SupergraphGeneration,
  recorded: readonly VersionRecord[] = [],
): Promise<SupergraphGeneration> {
  const { module: unit, stable, candidate } = options;
  for (const version of [stable, candidate?.version]) {
    if (version === undefined) continue;
    const known =
      recorded.some((r) => r.module === unit && r.version === version) ||
      (await readVersionRecord(options.clients.documents, options.registryTable, unit, version));
    if (!known) throw unrecordedCellVersion(unit, version);
  }
  const number = latest.generation + 1;
  return {
    ...latest,
    ...generationKey(number),
    generation: number,
    createdAt: (options.clock ?? { now: () => new Date() }).now().toISOString(),
    publishedBy: unit,
    releases: { ...latest.releases, [unit]: candidate ? { stable, candidate } : { stable } },
  };
}

function unrecordedCellVersion(unit: string, version: string): PublishRejectedError {
  return new PublishRejectedError(unit, [
    {
      code: 'VERSION_NOT_RECORDED',
      message: `Version ${version} of cell "${unit}" has no recorded schema and routes, so the registry cannot say what it serves.`,
      fix: 'Deploy the module with `turnout deploy <module>`: it records each version it publishes in each cell.',
    },
  ]);
}
