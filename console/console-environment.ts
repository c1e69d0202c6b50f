import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeployTarget } from '../control-plane/deploy/deploy-target.ts';
import type { DeploymentStore } from '../control-plane/deploy/deployment-store.ts';

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
