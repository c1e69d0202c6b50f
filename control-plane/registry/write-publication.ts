import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ModuleRecord, SupergraphGeneration } from '../../contracts/registry.ts';
import { RegistryConflictError, type RegistryConflictTarget } from './errors.ts';

export interface Publication {
  moduleRecord: ModuleRecord;
  generation: SupergraphGeneration;
  /** The module record's revision this publish read; `undefined` for a first publish. */
  previousRevision: number | undefined;
}

/**
 * Writes a module record and the generation it produced in one transaction, or
 * neither. The generation must be new (`attribute_not_exists`) and the record must
 * still be at the revision the publisher read, so of two concurrent publishes one
 * wins and the other gets a `RegistryConflictError` to retry on, never a lost write.
 *
 * @example
 * await writePublication(documents, table, { moduleRecord, generation, previousRevision: 3 });
 */
export async function writePublication(
  documents: DynamoDBDocumentClient,
  table: string,
  { moduleRecord, generation, previousRevision }: Publication,
): Promise<void> {
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: generation,
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: table, Item: moduleRecord, ...revisionCondition(previousRevision) } },
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      throw new RegistryConflictError(conflictTargets(error), { cause: error });
    }
    throw error;
  }
}

function revisionCondition(previousRevision: number | undefined) {
  if (previousRevision === undefined) return { ConditionExpression: 'attribute_not_exists(pk)' };
  return {
    ConditionExpression: '#revision = :previousRevision',
    ExpressionAttributeNames: { '#revision': 'revision' },
    ExpressionAttributeValues: { ':previousRevision': previousRevision },
  };
}

function conflictTargets(error: TransactionCanceledException): RegistryConflictTarget[] {
  const targets: RegistryConflictTarget[] = ['generation', 'module-record'];
  const reasons = error.CancellationReasons ?? [];
  const failed = targets.filter((_, i) => {
    const code = reasons[i]?.Code;
    return code !== undefined && code !== 'None';
  });
  return failed.length > 0 ? failed : targets;
}
