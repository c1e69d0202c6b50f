/** The module kit: what a module team writes its module against. */
export { defineModule } from './define-module.ts';
export { ManifestError } from './errors.ts';
export type {
  ModuleManifest,
  ModuleManifestInput,
  QueueManifest,
  SmokeCheck,
  TableManifest,
} from './manifest-schema.ts';
export {
  deadLetterQueueName,
  functionName,
  LIVE_ALIAS,
  queueName,
  queueUrlEnvName,
  tableEnvName,
  tableName,
} from './resource-names.ts';
export { CRITICALITY_TIERS, type CriticalityTier, compareTiers } from './tiers.ts';
