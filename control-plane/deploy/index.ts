export {
  DEFAULT_DEPLOYMENTS_TABLE,
  type DeploymentEvent,
  type DeploymentRecord,
  type DeploymentState,
  type ManualRollbackRecord,
  type ModuleLock,
  type ModuleProgress,
  type RegionRollout,
} from '../../contracts/deployment-record.ts';
export { type AbortOptions, abortRelease } from './abort-release.ts';
export { alarmHealthSource, type DescribeAlarms } from './alarm-health-source.ts';
export { type AliasTraffic, pointAlias, readAliasTraffic, shiftTraffic } from './alias-traffic.ts';
export { DEFAULT_LEASE_MS } from './create-lease-heartbeat.ts';
export type { DeployTarget } from './deploy-target.ts';
export {
  createDeploymentStore,
  type DeploymentStore,
  ensureDeploymentsTable,
  type LockHolder,
} from './deployment-store.ts';
export {
  DeploymentEndedError,
  DeploymentInProgressError,
  DeploymentInterruptedError,
  DeploymentLeftRunningError,
  DeploymentNotFoundError,
  DeploymentNotRunningError,
  InvalidRollbackTargetError,
  InvalidStrategyError,
  LeaseHeldError,
  ModuleInterruptedError,
  NoOrchestratorError,
  NothingToRollBackError,
  ResumeRefusedError,
} from './errors.ts';
export { gatewayHealthSource } from './gateway-health-source.ts';
export { type BakeThresholds, DEFAULT_THRESHOLDS, judgeHealth } from './judge-health.ts';
export { type GetMetricData, metricsHealthSource } from './metrics-health-source.ts';
export { moduleMetricsHealthSource } from './module-metrics-health-source.ts';
export { planWaves } from './plan-waves.ts';
export { type RollbackOptions, type RollbackResult, rollbackModule } from './rollback-module.ts';
export { type ReleaseOptions, resumeRelease, runRelease } from './run-release.ts';
export { runSmokeChecks, type SmokeCheckResult, smokeCheckPayload } from './run-smoke-checks.ts';
export {
  abortDeployment,
  hasLiveOrchestrator,
  promoteDeployment,
  type SteerOptions,
} from './steer-deployment.ts';
export { DEFAULT_STRATEGY_BY_TIER, parseStrategy, trafficSteps } from './traffic-strategy.ts';
export type { AlarmInAlarm, HealthSource, VersionHealth } from './version-health.ts';
