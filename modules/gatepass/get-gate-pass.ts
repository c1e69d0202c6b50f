import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { PassNotFoundError } from './errors.ts';
import type { GatePass } from './gate-pass.ts';
import { passKey } from './pass-keys.ts';

/** Reads a pass (strongly consistent: a pass is read right after it is issued). */
export async function getGatePass(
  documents: DynamoDBDocumentClient,
  passesTable: string,
  passId: string,
): Promise<GatePass> {
  const output = await documents.send(
    new GetCommand({ TableName: passesTable, Key: { pk: passKey(passId) }, ConsistentRead: true }),
  );
  if (!output.Item) throw new PassNotFoundError(passId);
  const { pk: _pk, expiresAt: _expiresAt, ...pass } = output.Item;
  return pass as GatePass;
}
