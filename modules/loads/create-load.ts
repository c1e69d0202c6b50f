import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { LoadExistsError } from './errors.ts';
import type { CreateLoadBody, Load } from './load-schemas.ts';

export interface LoadStore {
  documents: DynamoDBDocumentClient;
  loadsTable: string;
  nowMs: number;
}

/** Creates a planned load with its stops numbered from 1; an existing id is refused. */
export async function createLoad(body: CreateLoadBody, store: LoadStore): Promise<Load> {
  const now = new Date(store.nowMs).toISOString();
  const load: Load = {
    loadId: body.loadId ?? `L-${randomBytes(5).toString('hex').toUpperCase()}`,
    status: 'planned',
    stops: body.stops.map((stop, index) => ({ seq: index + 1, ...stop })),
    history: [{ status: 'planned', at: now }],
    createdAt: now,
    updatedAt: now,
  };
  try {
    await store.documents.send(
      new PutCommand({
        TableName: store.loadsTable,
        Item: load,
        ConditionExpression: 'attribute_not_exists(loadId)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new LoadExistsError(load.loadId);
    throw error;
  }
  return load;
}
