import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { type VersionRecord, versionRecordKey } from '../../contracts/registry.ts';

/**
 * What one Lambda version of a module serves, or `undefined` if that version was never
 * recorded (published before release units, or by hand outside Turnout).
 *
 * @example
 * const seven = await readVersionRecord(clients.documents, DEFAULT_REGISTRY_TABLE, 'images', '7');
 */
export async function readVersionRecord(
  documents: DynamoDBDocumentClient,
  table: string,
  module: string,
  version: string,
): Promise<VersionRecord | undefined> {
  const output = await documents.send(
    new GetCommand({
      TableName: table,
      Key: versionRecordKey(module, version),
      ConsistentRead: true,
    }),
  );
  return output.Item as VersionRecord | undefined;
}
