/**
 * Physical names of Turnout's resources. One rule, `resourceName`, used by the local
 * cloud, the stacks, the pipeline, the publisher and the module's own code, so each
 * finds what the others created, under any `TURNOUT_RESOURCE_PREFIX`.
 */

/** The first part of every physical name when no other prefix is chosen. */
export const DEFAULT_RESOURCE_PREFIX = 'turnout';

/** The alias every caller targets: never `$LATEST`, never a bare version. */
export const LIVE_ALIAS = 'live';

/**
 * The one naming rule: the prefix, then the parts, joined by `-`. Every other name
 * below is made by it, so an environment with its own prefix owns all its names.
 *
 * @example
 * resourceName('turnoutstaging', 'ratings', 'votes'); // 'turnoutstaging-ratings-votes'
 */
export function resourceName(prefix: string, ...parts: string[]): string {
  return [prefix, ...parts].join('-');
}

/** The Lambda function of a module (or of the gateway, unit `gateway`). */
export function functionName(module: string, prefix = DEFAULT_RESOURCE_PREFIX): string {
  return resourceName(prefix, module);
}

/**
 * The execution role of a module's function in one Region: IAM names are global to the
 * account, so each Region's stack needs its own.
 */
export function roleName(module: string, region: string, prefix = DEFAULT_RESOURCE_PREFIX): string {
  return resourceName(prefix, module, region);
}

export function tableName(module: string, table: string, prefix = DEFAULT_RESOURCE_PREFIX): string {
  return resourceName(prefix, module, table);
}

export function queueName(
  module: string,
  queue: string,
  fifo: boolean,
  prefix = DEFAULT_RESOURCE_PREFIX,
): string {
  return `${resourceName(prefix, module, queue)}${fifo ? '.fifo' : ''}`;
}

export function deadLetterQueueName(
  module: string,
  queue: string,
  fifo: boolean,
  prefix = DEFAULT_RESOURCE_PREFIX,
): string {
  return `${resourceName(prefix, module, queue, 'dlq')}${fifo ? '.fifo' : ''}`;
}

/** The registry table (contract 3): the gateway stack creates it, publish writes it. */
export function registryTableName(prefix = DEFAULT_RESOURCE_PREFIX): string {
  return resourceName(prefix, 'registry');
}

/** The deployment records' table (contract 4): the pipeline creates and writes it. */
export function deploymentsTableName(prefix = DEFAULT_RESOURCE_PREFIX): string {
  return resourceName(prefix, 'deployments');
}

/**
 * The environment variable through which a function learns a resource's physical
 * name, e.g. TURNOUT_TABLE_VOTES or TURNOUT_QUEUE_VOTES_URL.
 */
export function tableEnvName(table: string): string {
  return `TURNOUT_TABLE_${screamingSnake(table)}`;
}

export function queueUrlEnvName(queue: string): string {
  return `TURNOUT_QUEUE_${screamingSnake(queue)}_URL`;
}

function screamingSnake(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}
