/**
 * Publish: checks a module version against the registry, records what it serves, and
 * writes the generations that say which versions serve each module.
 */

export { buildSubgraphSchema } from './build-subgraph-schema.ts';
export { checkSdl, type SdlCheck } from './check-sdl.ts';
export { type ComposeSupergraphOptions, composeSupergraph } from './compose-supergraph.ts';
export {
  PublishConflictError,
  type PublishProblem,
  type PublishProblemCode,
  PublishRejectedError,
} from './errors.ts';
export type { SchemaChange } from './find-breaking-changes.ts';
export { invokeTimeoutMs, MAX_INVOKE_TIMEOUT_MS } from './plan-generation.ts';
export { type PublishCellsOptions, publishCells } from './publish-cells.ts';
export {
  type Clock,
  type PublishModuleOptions,
  type PublishResult,
  publishModule,
  type RecordedVersion,
  recordModuleVersion,
} from './publish-module.ts';
export { planRelease, type ReleaseModuleOptions, releaseModule } from './release-module.ts';
export { type RetireModuleOptions, retireModule } from './retire-module.ts';
export { schemaCoordinates } from './schema-coordinates.ts';
