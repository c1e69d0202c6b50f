import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureKeyedTable } from '../aws/index.ts';
import { RegistryTableError } from './errors.ts';

/**
 * Creates the registry table if it does not exist (on-demand billing, `pk`/`sk`
 * string keys, as the contract lays out) and waits until it is active. Safe to call
 * on every deploy and from several processes at once.
 *
 * @example
 * await ensureRegistryTable(clients.dynamo, DEFAULT_REGISTRY_TABLE);
 */
export async function ensureRegistryTable(
  dynamo: DynamoDBClient,
  tableName: string,
  options: { maxWaitSeconds?: number } = {},
): Promise<void> {
  const maxWaitSeconds = options.maxWaitSeconds ?? 120;
  try {
    await ensureKeyedTable(dynamo, tableName, { maxWaitSeconds });
  } catch (error) {
    if ((error as { name?: string }).name !== 'TimeoutError') throw error;
    throw new RegistryTableError(
      'REGISTRY_TABLE_NOT_ACTIVE',
      `The registry table ${tableName} did not become active within ${maxWaitSeconds} s. Check it in the DynamoDB console (or the local cloud's log) and run the command again.`,
      { cause: error },
    );
  }
}
