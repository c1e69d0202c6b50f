/** The registry: module records, version records and supergraph generations in one DynamoDB table. */

export {
  DEFAULT_REGISTRY_TABLE,
  generationKey,
  type ModuleRecord,
  type ModuleRelease,
  moduleRecordKey,
  REGISTRY_FORMAT,
  type RouteEntry,
  SUPERGRAPH_PK,
  type SubgraphEntry,
  type SupergraphGeneration,
  type VersionRecord,
  versionRecordKey,
} from '../../contracts/registry.ts';
export { ensureRegistryTable } from './ensure-registry-table.ts';
export {
  RegistryConflictError,
  type RegistryConflictTarget,
  RegistryTableError,
} from './errors.ts';
export { listModuleRecords, moduleNames } from './list-module-records.ts';
export { readGeneration } from './read-generation.ts';
export { readLatestGeneration } from './read-latest-generation.ts';
export { readModuleRecord } from './read-module-record.ts';
export { readVersionRecord } from './read-version-record.ts';
export { type Publication, writePublication } from './write-publication.ts';
