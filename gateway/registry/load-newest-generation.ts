import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  generationKey,
  SUPERGRAPH_PK,
  type SupergraphGeneration,
} from '../../contracts/registry.ts';
import { checkGeneration } from './check-generation.ts';

export interface RegistryTable {
  documents: DynamoDBDocumentClient;
  tableName: string;
}

/**
 * Reads the newest supergraph generation with one Query (descending, limit 1), or
 * undefined when none was published yet.
 *
 * @example
 * const newest = await loadNewestGeneration({ documents, tableName: 'turnout-registry' });
 */
export async function loadNewestGeneration(
  table: RegistryTable,
  options: { before?: number } = {},
): Promise<SupergraphGeneration | undefined> {
  const item = await queryNewest(table, undefined, options.before);
  if (!item) return undefined;
  return checkGeneration(item);
}

/**
 * Reads only the newest generation's number: what the gateway polls, so an unchanged
 * registry costs a few bytes per poll.
 */
export async function peekNewestGenerationNumber(
  table: RegistryTable,
): Promise<number | undefined> {
  const item = await queryNewest(table, 'generation');
  const generation = item?.generation;
  return typeof generation === 'number' ? generation : undefined;
}

async function queryNewest(
  table: RegistryTable,
  projection?: string,
  before?: number,
): Promise<Record<string, unknown> | undefined> {
  // `before` reads the newest generation older than a given one (a broken newest at cold start).
  const range =
    before === undefined
      ? { condition: 'begins_with(sk, :from)', values: { ':from': 'generation#' } }
      : {
          condition: 'sk BETWEEN :from AND :to',
          values: { ':from': 'generation#', ':to': generationKey(before - 1).sk },
        };
  const result = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: `pk = :pk AND ${range.condition}`,
      ExpressionAttributeValues: { ':pk': SUPERGRAPH_PK, ...range.values },
      ScanIndexForward: false,
      Limit: 1,
      ...(projection ? { ProjectionExpression: projection } : {}),
    }),
  );
  return result.Items?.[0];
}
