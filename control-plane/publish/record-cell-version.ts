import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import {
  type ModuleRecord,
  readModuleRecord,
  type VersionRecord,
  versionRecordKey,
  writePublication,
} from '../registry/index.ts';
import { PublishRejectedError } from './errors.ts';

export interface RecordCellVersionOptions {
  /** The cell's manifest: the module's, named as the cell's unit (`cellUnitManifest`). */
  manifest: ModuleManifest;
  /** The module the cell belongs to. */
  module: string;
  version: string;
  clients: { documents: DynamoDBDocumentClient };
  registryTable: string;
  now: Date;
}

/**
 * Records what one Lambda version of a cell serves: a version record under the cell's
 * unit name, so each cell's versions carry their own schema and routes. A cell serves
 * its module's published schema and prefixes: one that differs is refused, because the
 * gateways serve one schema per module and each cell deploys on its own.
 *
 * @throws PublishRejectedError when the version serves another schema or other prefixes
 */
export async function recordCellVersion(
  options: RecordCellVersionOptions,
): Promise<{ versionRecord: VersionRecord; moduleRecord: ModuleRecord }> {
  const { manifest } = options;
  const { documents } = options.clients;
  const moduleRecord = await readModuleRecord(documents, options.registryTable, options.module);
  if (!moduleRecord) throw new PublishRejectedError(manifest.name, [unpublished(options.module)]);
  const prefixes = manifest.rest?.prefixes ?? [];
  if (
    (manifest.graphql?.sdl ?? '') !== (moduleRecord.sdl ?? '') ||
    prefixes.join(',') !== moduleRecord.restPrefixes.join(',')
  )
    throw new PublishRejectedError(manifest.name, [schemaDiffers(options.module)]);
  const versionRecord: VersionRecord = {
    ...versionRecordKey(manifest.name, options.version),
    module: manifest.name,
    version: options.version,
    ...(manifest.graphql ? { sdl: manifest.graphql.sdl } : {}),
    restPrefixes: prefixes,
    manifest,
    recordedAt: options.now.toISOString(),
  };
  await writePublication(documents, options.registryTable, { versionRecord });
  return { versionRecord, moduleRecord };
}

function unpublished(module: string) {
  return {
    code: 'VERSION_NOT_RECORDED' as const,
    message: `Module "${module}" was never published, so its cells have no schema to serve.`,
    fix: `Publish it first (\`turnout publish ${module}\`, or \`turnout dev\` locally).`,
  };
}

function schemaDiffers(module: string) {
  return {
    code: 'CELL_SCHEMA_DIFFERS' as const,
    message: `This version of a cell of "${module}" serves another schema or other REST prefixes than the module publishes. Cells deploy one after another, so for a while they would serve different schemas behind one supergraph.`,
    fix: `Publish the new schema with \`turnout publish ${module}\` first (additive changes only), then deploy the code to the cells.`,
  };
}
