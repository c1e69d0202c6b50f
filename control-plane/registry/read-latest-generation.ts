import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SUPERGRAPH_PK, type SupergraphGeneration } from '../../contracts/registry.ts';

/**
 * The newest supergraph generation, or `undefined` before the first publish: one
 * descending Query on `pk = supergraph`, strongly consistent, so a publish composes
 * against what the last publish wrote.
 *
 * @example
 * const latest = await readLatestGeneration(clients.documents, DEFAULT_REGISTRY_TABLE);
 */
export async function readLatestGeneration(
  documents: DynamoDBDocumentClient,
  table: string,
): Promise<SupergraphGeneration | undefined> {
  const output = await documents.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': SUPERGRAPH_PK },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return output.Items?.[0] as SupergraphGeneration | undefined;
}
