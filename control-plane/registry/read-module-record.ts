import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { type ModuleRecord, moduleRecordKey } from '../../contracts/registry.ts';

/**
 * A module's record, or `undefined` if it was never published.
 *
 * @example
 * const ratings = await readModuleRecord(clients.documents, DEFAULT_REGISTRY_TABLE, 'ratings');
 */
export async function readModuleRecord(
  documents: DynamoDBDocumentClient,
  table: string,
  module: string,
): Promise<ModuleRecord | undefined> {
  const output = await documents.send(
    new GetCommand({ TableName: table, Key: moduleRecordKey(module), ConsistentRead: true }),
  );
  return output.Item as ModuleRecord | undefined;
}
