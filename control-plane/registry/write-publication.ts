import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ModuleRecord,
  moduleRecordKey,
  type SupergraphGeneration,
  type VersionRecord,
} from '../../contracts/registry.ts';
import { RegistryConflictError, type RegistryConflictTarget } from './errors.ts';

/**
 * What one publish writes: any of a new generation, a module record, a version record;
 * or, when a module is retired, the generation without it and its record deleted.
 */
export interface Publication {
  generation?: SupergraphGeneration;
  moduleRecord?: ModuleRecord;
  /** The module record's revision this publish read; `undefined` for a first publish. */
  previousRevision?: number | undefined;
  /** What a published Lambda version serves; written again when republished as is. */
  versionRecord?: VersionRecord;
  /** A module taken out of the registry: its record is deleted if still at `revision`. */
  retiredRecord?: { module: string; revision: number };
}

/**
 * Writes what a publish produced in one transaction, or nothing. A generation must be
 * new (`attribute_not_exists`) and a module record must still be at the revision the
 * publisher read, so of two concurrent publishes one wins and the other gets a
 * `RegistryConflictError` to retry on, never a lost write.
 *
 * @example
 * await writePublication(documents, table, { moduleRecord, generation, previousRevision: 3 });
 */
export async function writePublication(
  documents: DynamoDBDocumentClient,
  table: string,
  publication: Publication,
): Promise<void> {
  const { items, targets } = transactionOf(table, publication);
  if (items.length === 0) return;
  try {
    await documents.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      throw new RegistryConflictError(conflictTargets(error, targets), { cause: error });
    }
    throw error;
  }
}

function transactionOf(table: string, publication: Publication) {
  const { generation, moduleRecord, previousRevision, versionRecord, retiredRecord } = publication;
  const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> =
    [];
  const targets: RegistryConflictTarget[] = [];
  if (generation) {
    items.push({
      Put: { TableName: table, Item: generation, ConditionExpression: 'attribute_not_exists(pk)' },
    });
    targets.push('generation');
  }
  if (moduleRecord) {
    items.push({
      Put: { TableName: table, Item: moduleRecord, ...revisionCondition(previousRevision) },
    });
    targets.push('module-record');
  }
  if (versionRecord) {
    items.push({ Put: { TableName: table, Item: versionRecord } });
    targets.push('version-record');
  }
  if (retiredRecord) {
    const Key = moduleRecordKey(retiredRecord.module);
    items.push({ Delete: { TableName: table, Key, ...revisionCondition(retiredRecord.revision) } });
    targets.push('module-record');
  }
  return { items, targets };
}

function revisionCondition(previousRevision: number | undefined) {
  if (previousRevision === undefined) return { ConditionExpression: 'attribute_not_exists(pk)' };
  return {
    ConditionExpression: '#revision = :previousRevision',
    ExpressionAttributeNames: { '#revision': 'revision' },
    ExpressionAttributeValues: { ':previousRevision': previousRevision },
  };
}

function conflictTargets(
  error: TransactionCanceledException,
  targets: RegistryConflictTarget[],
): RegistryConflictTarget[] {
  const reasons = error.CancellationReasons ?? [];
  const failed = targets.filter((_, i) => {
    const code = reasons[i]?.Code;
    return code !== undefined && code !== 'None';
  });
  return failed.length > 0 ? failed : targets;
}
