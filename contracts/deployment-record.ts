/**
 * The deployment record (docs/ARCHITECTURE.md, contract 4): plan, progress, state, and every step
 * and decision with the figures behind it. One DynamoDB item per deployment, plus one
 * lock item per module being deployed.
 */

export const DEFAULT_DEPLOYMENTS_TABLE = 'turnout-deployments';

export type DeploymentState = 'running' | 'succeeded' | 'rolled-back' | 'failed';

export type ModulePhase =
  | 'pending'
  | 'published'
  | 'pre-traffic'
  | 'shifting'
  | 'post-traffic'
  | 'promoted'
  | 'rolled-back'
  | 'failed'
  | 'not-started';

/** Where one module stands in one target. */
export interface ModuleProgress {
  phase: ModulePhase;
  target: string;
  /** The version the alias served before this deployment. */
  stable?: string;
  /** The version this deployment publishes. */
  candidate?: string;
  /** The share of traffic the candidate has been given, as last chosen by the pipeline. */
  weight?: number;
  /** Index of the traffic step in progress. */
  step?: number;
  /** When traffic first moved to the candidate (epoch ms): the bake compares from here. */
  shiftStartedMs?: number;
  /** The registry generation before this deployment published the module's schema. */
  schemaBefore?: number;
}

export interface DeploymentEvent {
  at: string;
  module?: string;
  target?: string;
  kind: 'step' | 'decision';
  /** e.g. `publish-version`, `shift`, `promote`, `rollback`, `stop-release`. */
  name: string;
  detail: string;
  /** The numbers a decision was taken on. */
  figures?: Record<string, unknown>;
}

export interface DeploymentPlan {
  /** Module names per wave, least critical wave first. */
  waves: string[][];
  /** Target names in order (stage, then Region, then cell); the first is the one-box. */
  targets: string[];
  /** The traffic strategy per module. */
  strategies: Record<string, string>;
}

export interface DeploymentRecord {
  pk: string;
  sk: 'record';
  id: string;
  state: DeploymentState;
  plan: DeploymentPlan;
  /** Keyed by `<module>@<target>`. */
  progress: Record<string, ModuleProgress>;
  events: DeploymentEvent[];
  createdAt: string;
  updatedAt: string;
  /** Why it ended, when it did not succeed. */
  reason?: string;
}

export function deploymentKey(id: string): { pk: string; sk: 'record' } {
  return { pk: `deployment#${id}`, sk: 'record' };
}

export function lockKey(module: string): { pk: string; sk: string } {
  return { pk: `lock#${module}`, sk: 'lock' };
}

export function progressKey(module: string, target: string): string {
  return `${module}@${target}`;
}
