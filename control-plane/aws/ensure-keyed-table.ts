import {
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

/**
 * Creates an on-demand table keyed by `pk` and `sk` (both strings), the layout of
 * Turnout's own tables (the registry, the deployment records), if it does not exist,
 * and waits until it is active. Safe to call from several processes at once.
 */
export async function ensureKeyedTable(
  dynamo: DynamoDBClient,
  tableName: string,
  { maxWaitSeconds = 120 }: { maxWaitSeconds?: number } = {},
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
  await waitUntilTableExists(
    { client: dynamo, maxWaitTime: maxWaitSeconds, minDelay: 1, maxDelay: 5 },
    { TableName: tableName },
  );
}
