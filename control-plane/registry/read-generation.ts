import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { generationKey, type SupergraphGeneration } from '../../contracts/registry.ts';

/**
 * One supergraph generation by number, or `undefined` if there is none (e.g. to roll
 * the gateway back to a known good one).
 *
 * @example
 * const previous = await readGeneration(clients.documents, DEFAULT_REGISTRY_TABLE, 41);
 */
export async function readGeneration(
  documents: DynamoDBDocumentClient,
  table: string,
  generation: number,
): Promise<SupergraphGeneration | undefined> {
  const output = await documents.send(
    new GetCommand({ TableName: table, Key: generationKey(generation), ConsistentRead: true }),
  );
  return output.Item as SupergraphGeneration | undefined;
}
