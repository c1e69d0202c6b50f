/**
 * The deployment record (docs/ARCHITECTURE.md, contract 4): plan, progress, state, and every step
 * and decision with the figures behind it. One DynamoDB item per deployment, one lock
 * item per module being deployed (with the lease its orchestrator keeps renewing), and
 * one item per manual rollback.
 */

/** Under the default resource prefix; `deploymentsTableName(prefix)` (the kit) names any other. */
export const DEFAULT_DEPLOYMENTS_TABLE = 'turnout-deployments';

/**
 * `aborted`: stopped early (a signal, or `turnout deploy --abort`), every module in flight
 * back on its stable version. `interrupted`: someone changed a module outside it (a
 * `turnout rollback`), and it left that module as they put it.
 */
export type DeploymentState =
  | 'running'
  | 'succeeded'
  | 'rolled-back'
  | 'failed'
  | 'aborted'
  | 'interrupted';

export type ModulePhase =
  | 'pending'
  | 'published'
  | 'pre-traffic'
  | 'shifting'
  | 'post-traffic'
  | 'promoted'
  | 'rolled-back'
  | 'failed'
  /** Changed outside the deployment (a manual rollback): left as it is, never resumed. */
  | 'interrupted'
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
  /**
   * The bake's thresholds (control-plane/deploy/judge-health.ts, `BakeThresholds`), so
   * a decision can be explained against them later. Absent on older records.
   */
  thresholds?: Record<string, number>;
  /** Who started it (the OS user of `turnout deploy`). Absent on older records. */
  startedBy?: string;
  /** What each module's build was, by module name. Absent on older records. */
  provenance?: Record<string, BuildProvenance>;
}

/**
 * What a module's build was made of: the SHA-256 of the zip Lambda receives (Lambda's
 * `CodeSha256` is the same hash in base64), the npm packages esbuild bundled with the
 * versions installed, and the git commit of the module's folder when there is one.
 */
export interface BuildProvenance {
  /** Hex. */
  bundleSha256: string;
  /** `name@version`, sorted. */
  dependencies: string[];
  /** With `-dirty` when the module's folder has changes not committed. */
  commit?: string;
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
  /** What operators asked of it while it ran (the console's promote and abort), oldest first. */
  requests?: OperatorRequest[];
}

/**
 * An operator's request to a running deployment from another process (the console):
 * its orchestrator reads the record at every heartbeat and acts on it. `promote` skips
 * the rest of the bake (all traffic to the new version, then the post-traffic checks);
 * `abort` rolls every module in flight back, as Ctrl-C does.
 */
export interface OperatorRequest {
  action: 'promote' | 'abort';
  /** Who asked (the console's OS user). */
  by: string;
  /** Why, in their words: required. */
  reason: string;
  at: string;
}

/**
 * One module's lock: at most one deployment drives a module. Its orchestrator renews the
 * lease every few seconds; once it lapses, `turnout deploy --abort <id>` (or `--resume`)
 * may take the lock over, never a new deployment.
 */
export interface ModuleLock {
  pk: string;
  sk: string;
  module: string;
  deploymentId: string;
  /** The orchestrator process holding it (`<host>:<pid>:<nonce>`): one per run, resume or abort. */
  owner: string;
  lockedAt: string;
  /** Epoch ms; absent on locks taken before leases (treated as lapsed). */
  leaseExpiresAt?: number;
}

/** A `turnout rollback`: who moved which module's traffic and schema back, and when. */
export interface ManualRollbackRecord {
  pk: string;
  sk: 'manual-rollback';
  id: string;
  module: string;
  target: string;
  from: string;
  to: string;
  /** The OS user who ran it. */
  by: string;
  /** What they gave as `--reason`. */
  reason?: string;
  at: string;
  /** The running deployments of the module it interrupted. */
  interrupted: string[];
  /** The registry generation that serves `to` alone, when one was written. */
  generation?: number;
}

/**
 * A `turnout dlq <module> --redrive`: who moved which queue's dead letters back, when, and
 * how many there were (SQS's StartMessageMoveTask; its task handle to look it up).
 */
export interface RedriveRecord {
  pk: string;
  sk: 'redrive';
  id: string;
  module: string;
  target: string;
  /** The module's logical queue name, e.g. `votes`. */
  queue: string;
  /** The dead-letter queue's ARN (the move's source) and the queue it went back to. */
  from: string;
  to: string;
  /** The messages the dead-letter queue held when the move started (SQS's estimate). */
  messages: number;
  /** SQS's handle of the move task. */
  taskHandle: string;
  /** The OS user who ran it. */
  by: string;
  reason?: string;
  at: string;
}

export function redriveKey(id: string): { pk: string; sk: 'redrive' } {
  return { pk: `redrive#${id}`, sk: 'redrive' };
}

export function deploymentKey(id: string): { pk: string; sk: 'record' } {
  return { pk: `deployment#${id}`, sk: 'record' };
}

export function lockKey(module: string): { pk: string; sk: string } {
  return { pk: `lock#${module}`, sk: 'lock' };
}

export function manualRollbackKey(id: string): { pk: string; sk: 'manual-rollback' } {
  return { pk: `rollback#${id}`, sk: 'manual-rollback' };
}

export function progressKey(module: string, target: string): string {
  return `${module}@${target}`;
}
