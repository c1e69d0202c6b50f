/**
 * Physical names of a module's resources. One rule, used by the local cloud, the
 * stacks and the module's own code, so each finds what the others created.
 */

/** The Lambda function of a module. */
export function functionName(module: string, prefix = 'turnout'): string {
  return `${prefix}-${module}`;
}

/** The alias every caller targets: never `$LATEST`, never a bare version. */
export const LIVE_ALIAS = 'live';

export function tableName(module: string, table: string, prefix = 'turnout'): string {
  return `${prefix}-${module}-${table}`;
}

export function queueName(
  module: string,
  queue: string,
  fifo: boolean,
  prefix = 'turnout',
): string {
  return `${prefix}-${module}-${queue}${fifo ? '.fifo' : ''}`;
}

export function deadLetterQueueName(
  module: string,
  queue: string,
  fifo: boolean,
  prefix = 'turnout',
): string {
  return `${prefix}-${module}-${queue}-dlq${fifo ? '.fifo' : ''}`;
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
