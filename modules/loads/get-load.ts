import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { LoadNotFoundError } from './errors.ts';
import type { Load } from './load-schemas.ts';

/** Reads a load, strongly consistent, or throws `LoadNotFoundError`. */
export async function getLoad(
  documents: DynamoDBDocumentClient,
  loadsTable: string,
  loadId: string,
): Promise<Load> {
  const output = await documents.send(
    new GetCommand({ TableName: loadsTable, Key: { loadId }, ConsistentRead: true }),
  );
  if (!output.Item) throw new LoadNotFoundError(loadId);
  return output.Item as Load;
}
