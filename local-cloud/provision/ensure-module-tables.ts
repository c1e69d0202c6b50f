import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type KeySchemaElement,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import {
  describeModuleTable,
  type KeySchema,
  type ModuleManifest,
  type ModuleTableDescription,
} from '../../modules/kit/index.ts';

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
    const description = describeModuleTable(manifest.name, logical, table);
    await createTableIfMissing(dynamo, description);
    names[logical] = description.name;
  }
  return names;
}

async function createTableIfMissing(
  dynamo: DynamoDBClient,
  table: ModuleTableDescription,
): Promise<void> {
  try {
    await dynamo.send(new CreateTableCommand(createTableInput(table)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
  const name = table.name;
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

function createTableInput(table: ModuleTableDescription): CreateTableCommandInput {
  return {
    TableName: table.name,
    BillingMode: table.billingMode,
    AttributeDefinitions: table.attributes.map(({ name, type }) => ({
      AttributeName: name,
      AttributeType: type,
    })),
    KeySchema: toKeySchema(table.keySchema),
    GlobalSecondaryIndexes: table.indexes.length
      ? table.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: toKeySchema(index.keySchema),
          Projection: { ProjectionType: index.projection },
        }))
      : undefined,
    StreamSpecification: table.stream
      ? { StreamEnabled: true, StreamViewType: table.stream }
      : undefined,
  };
}

function toKeySchema(keySchema: KeySchema): KeySchemaElement[] {
  return keySchema.map(({ attributeName, keyType }) => ({
    AttributeName: attributeName,
    KeyType: keyType,
  }));
}
