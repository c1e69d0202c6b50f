/** The infrastructure as code: one SST app per unit (a module or the gateway). */
export { alarmTopicName, createAlarmTopic } from './alarm-topic.ts';
export { type AliasAlarmThresholds, createAliasAlarms } from './alias-alarms.ts';
export { checkModuleManifest, type StreamConsumer } from './check-module-manifest.ts';
export { type AppSettings, createAppSettings } from './create-app-settings.ts';
export { type DeployUnitInput, deployUnit } from './deploy-unit.ts';
export { ImpossibleManifestError, SettingsError, StageFormatError, UnitError } from './errors.ts';
export { type GatewayDomain, GatewayStack, type GatewayStackArgs } from './gateway-stack.ts';
export { isProductionEnvironment } from './is-production-environment.ts';
export { listModuleNames } from './list-module-names.ts';
export { loadModuleManifests } from './load-module-manifests.ts';
export { ModuleStack, type ModuleStackArgs } from './module-stack.ts';
export { parseStage, type Stage } from './parse-stage.ts';
export { readTurnoutSettings, type TurnoutSettings } from './read-turnout-settings.ts';
export { GATEWAY_UNIT, resolveUnit, type Unit } from './resolve-unit.ts';
