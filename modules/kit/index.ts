/** The module kit: what a module team writes its module against. */

export { ACCESS_DIRECTIVES_SDL } from '../../contracts/access-directives.ts';
export type { AccessRequirement } from '../../contracts/access-requirement.ts';
export type { Identity } from '../../contracts/identity.ts';
export { createLruCache, type LruCache } from '../../lib/create-lru-cache.ts';
export { type BatchGetItemsOptions, batchGetItems } from './batch-get-items.ts';
export { batchWriteItems } from './batch-write-items.ts';
export { cellUnitManifest, deployUnitManifests, unitEnvironment } from './cell-unit-manifest.ts';
export { checkResourcePrefix } from './check-resource-prefix.ts';
export {
  createGraphletHandler,
  type GraphletEvent,
  type GraphletHandler,
  type GraphletHandlerOptions,
  type GraphletResult,
} from './create-graphlet-handler.ts';
export {
  createIdempotencyStore,
  type IdempotencyStore,
  type IdempotencyStoreOptions,
  type IdempotentWrite,
} from './create-idempotency-store.ts';
export { createModuleClients, type ModuleClients } from './create-module-clients.ts';
export {
  createRestHandler,
  type RestHandler,
  type RestHandlerResult,
} from './create-rest-handler.ts';
export { type DefinedModule, defineModule } from './define-module.ts';
export { describeModuleQueue, type ModuleQueueDescription } from './describe-module-queue.ts';
export {
  describeModuleTable,
  type KeyElement,
  type KeySchema,
  type ModuleTableDescription,
} from './describe-module-table.ts';
export {
  BadRequestError,
  ForbiddenError,
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  ManifestError,
  ModuleResourceError,
  type ModuleResourceErrorCode,
  ResourcePrefixError,
  RuntimeSettingError,
  UnauthenticatedError,
  UnprocessedItemsError,
} from './errors.ts';
export {
  fillSmokeCheck,
  SMOKE_CHECK_PLACEHOLDERS,
  type SmokeCheckValues,
} from './fill-smoke-check.ts';
export { findSmokeMismatch } from './find-smoke-mismatch.ts';
export { formatGraphletError } from './format-graphlet-error.ts';
export { graphletIdentity } from './graphlet-identity.ts';
export { graphletTypeDefs, STITCHING_DIRECTIVES_SDL } from './graphlet-type-defs.ts';
export { IDEMPOTENCY_TABLE } from './idempotency-table.ts';
export { idempotentResolver } from './idempotent-resolver.ts';
export { idempotentWrites } from './idempotent-writes.ts';
export { isSqsEvent } from './is-sqs-event.ts';
export { readKnownIds, requireKnownId } from './known-ids.ts';
export type {
  CellsManifest,
  ModuleManifest,
  ModuleManifestInput,
  QueueManifest,
  RestAccessRuleManifest,
  RuntimeSetting,
  SmokeCaller,
  SmokeCheck,
  SmokeExpectation,
  SmokeShape,
  TableManifest,
} from './manifest-schema.ts';
export { moduleNameSchema } from './manifest-schema.ts';
export {
  type ModuleResourceClients,
  type ModuleResources,
  moduleResources,
  type QueueHandle,
  type SendOptions,
  type TableHandle,
} from './module-resources.ts';
export { readInput } from './read-input.ts';
export { readJsonBody } from './read-json-body.ts';
export { hasScope, requireIdentity } from './require-identity.ts';
export { type ResolveByKeysOptions, resolveByKeys } from './resolve-by-keys.ts';
export { type RuntimeStage, resolveRuntimeEnvironment } from './resolve-runtime-environment.ts';
export {
  DEFAULT_RESOURCE_PREFIX,
  deadLetterQueueName,
  deploymentsTableName,
  functionName,
  LIVE_ALIAS,
  queueName,
  queueUrlEnvName,
  registryTableName,
  resourceName,
  roleName,
  tableEnvName,
  tableName,
} from './resource-names.ts';
export { restIdentity } from './rest-identity.ts';
export { type ModuleSeed, type ModuleSeedInput, seedTable } from './seed-table.ts';
export { CRITICALITY_TIERS, type CriticalityTier, compareTiers } from './tiers.ts';
export { type RestErrorBody, useRestErrors } from './use-rest-errors.ts';
