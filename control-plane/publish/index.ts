/** Publish: checks a module against the registry and writes a new supergraph generation. */

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
export {
  type Clock,
  type PublishModuleOptions,
  type PublishResult,
  publishModule,
} from './publish-module.ts';
