import {
  type AttributeDefinition,
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { type ModuleManifest, type TableManifest, tableName } from '../../modules/kit/index.ts';

/**
 * Creates the module's tables that do not exist yet (an existing table is left as it
 * is: its data is never touched) and returns their physical names by logical name.
 */
export async function ensureModuleTables(
  manifest: ModuleManifest,
  dynamo: DynamoDBClient,
): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const [logical, table] of Object.entries(manifest.tables)) {
    const name = tableName(manifest.name, logical);
    await createTableIfMissing(dynamo, name, table);
    names[logical] = name;
  }
  return names;
}

async function createTableIfMissing(
  dynamo: DynamoDBClient,
  name: string,
  table: TableManifest,
): Promise<void> {
  try {
    await dynamo.send(new CreateTableCommand(createTableInput(name, table)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
  await waitUntilTableExists({ client: dynamo, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
  if (table.ttlAttribute) {
    await dynamo.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      }),
    );
  }
}

function createTableInput(name: string, table: TableManifest) {
  const indexes = Object.entries(table.indexes);
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributeDefinitions(table),
    KeySchema: keySchema(table),
    GlobalSecondaryIndexes: indexes.length
      ? indexes.map(([indexName, index]) => ({
          IndexName: indexName,
          KeySchema: keySchema(index),
          Projection: { ProjectionType: 'ALL' as const },
        }))
      : undefined,
    StreamSpecification: table.stream
      ? { StreamEnabled: true, StreamViewType: table.stream }
      : undefined,
  };
}

type Keyed = Pick<TableManifest, 'partitionKey' | 'sortKey'>;

function keySchema({ partitionKey, sortKey }: Keyed) {
  return [
    { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
}

/** Every key attribute of the table and its indexes, each once. */
function attributeDefinitions(table: TableManifest): AttributeDefinition[] {
  const keyed: Keyed[] = [table, ...Object.values(table.indexes)];
  const byName = new Map<string, AttributeDefinition>();
  for (const { partitionKey, sortKey } of keyed) {
    for (const attribute of [partitionKey, sortKey]) {
      if (attribute)
        byName.set(attribute.name, {
          AttributeName: attribute.name,
          AttributeType: attribute.type,
        });
    }
  }
  return [...byName.values()];
}
