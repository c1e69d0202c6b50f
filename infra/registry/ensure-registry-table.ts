import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
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
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitForActive(dynamo, tableName, options.maxWaitSeconds ?? 120);
}

async function waitForActive(
  dynamo: DynamoDBClient,
  tableName: string,
  maxWaitTime: number,
): Promise<void> {
  try {
    await waitUntilTableExists(
      { client: dynamo, maxWaitTime, minDelay: 1, maxDelay: 5 },
      { TableName: tableName },
    );
  } catch (error) {
    throw new RegistryTableError(
      'REGISTRY_TABLE_NOT_ACTIVE',
      `The registry table ${tableName} did not become active within ${maxWaitTime} s. Check it in the DynamoDB console (or the local cloud's log) and run the command again.`,
      { cause: error },
    );
  }
}
