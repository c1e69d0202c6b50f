import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HealthSource } from './version-health.ts';

/**
 * One place a module deploys to: a stage, a Region, a cell. Targets run in order; the
 * first of a stage is its one-box. Each has its own clients, because each is its own
 * Region or account.
 */
export interface DeployTarget {
  /** e.g. `dev`, `prod-us-east-1`, `prod-us-east-1-cell-2`. */
  name: string;
  /**
   * A cell's own target (its account): a cellular module deploys only this cell here.
   * Without it, a cellular module deploys every cell, one after another.
   */
  cell?: string;
  lambda: LambdaClient;
  documents: DynamoDBDocumentClient;
  registryTable: string;
  /**
   * The environment's resource prefix, as its stacks used it: the module `images` is
   * the function `<prefix>-images`, and the registry names that function.
   * @example 'turnout'
   */
  resourcePrefix: string;
  /** Where the bake reads health: the gateway's samples, the Lambda metrics. */
  healthSources: HealthSource[];
  /**
   * The target's gateways: before traffic first moves to a candidate, each must serve
   * the generation that names it (their `/_turnout/health` says which they serve).
   */
  gatewayUrls: readonly string[];
  /** The secret their `/_turnout/health` requires (`x-turnout-health-token`). */
  gatewayHealthToken?: string;
}
