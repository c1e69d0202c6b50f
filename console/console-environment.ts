import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeployTarget } from '../control-plane/deploy/deploy-target.ts';
import type { DeploymentStore } from '../control-plane/deploy/deployment-store.ts';
import type { FailoverRecord, RegionsReport } from '../control-plane/regions/index.ts';

/**
 * What the console reads and steers: the environment the CLI would use (the CLI's
 * `openEnvironment` gives one), so the console has no source of truth of its own.
 */
export interface ConsoleEnvironment {
  /** e.g. "the local cloud of `turnout dev` (process 123)". */
  description: string;
  /** In order; records and the registry are read through the first. */
  targets: readonly DeployTarget[];
  clients: { documents: DynamoDBDocumentClient; lambda: LambdaClient };
  store: DeploymentStore;
  registryTable: string;
}

/** What the console cannot do through the control plane alone: it is handed these. */
export interface ConsoleLaunchers {
  /**
   * Starts `turnout deploy <modules>` as its own process (a retry): a deployment must
   * outlive the page and the console that started it. Resolves once it has started.
   */
  startDeploy?: (modules: string[]) => Promise<{ pid: number; log: string }>;
}

/**
 * An environment's Regions, as `turnout regions` reads them and `turnout failover` switches
 * them: the CLI hands the console its own functions, so both read and record the same way.
 */
export interface ConsoleRegions {
  /** The Regions, in order. */
  names: readonly string[];
  /** What `turnout regions --json` prints. */
  report(): Promise<RegionsReport>;
  /** The newest failover records first. */
  failovers(): Promise<FailoverRecord[]>;
  /** `turnout failover --to <region>` or `--restore`, recorded with who and why. */
  failOver(request: {
    to?: string;
    restore?: boolean;
    reason: string;
    by: string;
  }): Promise<{ plan: string; changed: boolean; record?: FailoverRecord }>;
}
