export {
  type FunctionSettings,
  publishFunctionVersion,
} from '../../control-plane/build/publish-function-version.ts';
export { ensureAlias } from './ensure-alias.ts';
export { ensureModuleQueues, type ProvisionedQueue } from './ensure-module-queues.ts';
export { ensureModuleTables } from './ensure-module-tables.ts';
export { ensureQueueConsumers, type QueueConsumer } from './ensure-queue-consumers.ts';
export { ProvisionError, type ProvisionErrorCode } from './errors.ts';
export {
  type ProvisionedModule,
  type ProvisionModuleOptions,
  provisionModule,
  resourceEnvironment,
} from './provision-module.ts';
