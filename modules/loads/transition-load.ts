import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LoadStore } from './create-load.ts';
import { LoadNotFoundError, TransitionRefusedError } from './errors.ts';
import { getLoad } from './get-load.ts';
import type { Load } from './load-schemas.ts';
import { allowedPrevious, type LoadStatus } from './load-status.ts';

/**
 * Moves a load to `next`, only from a status that leads there. DynamoDB checks the
 * current status in the same write (`#status IN (...)`), so of two racing changes from
 * the same status exactly one wins, and the other is refused with the status it lost to.
 */
export async function transitionLoad(
  loadId: string,
  next: LoadStatus,
  store: LoadStore,
): Promise<Load> {
  const previous = allowedPrevious(next);
  if (previous.length === 0) {
    const load = await getLoad(store.documents, store.loadsTable, loadId);
    throw new TransitionRefusedError(loadId, load.status, next);
  }
  try {
    return await updateStatus(loadId, next, previous, store);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // The item as it was when the condition failed: the status that refused us.
    const current = error.Item?.status?.S as LoadStatus | undefined;
    if (!current) throw new LoadNotFoundError(loadId);
    throw new TransitionRefusedError(loadId, current, next);
  }
}

async function updateStatus(
  loadId: string,
  next: LoadStatus,
  previous: LoadStatus[],
  store: LoadStore,
): Promise<Load> {
  const now = new Date(store.nowMs).toISOString();
  const previousValues = Object.fromEntries(previous.map((status, i) => [`:p${i}`, status]));
  const output = await store.documents.send(
    new UpdateCommand({
      TableName: store.loadsTable,
      Key: { loadId },
      UpdateExpression:
        'SET #status = :next, updatedAt = :now, history = list_append(history, :entry)',
      ConditionExpression: `attribute_exists(loadId) AND #status IN (${Object.keys(previousValues).join(', ')})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':next': next,
        ':now': now,
        ':entry': [{ status: next, at: now }],
        ...previousValues,
      },
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }),
  );
  return output.Attributes as Load;
}
