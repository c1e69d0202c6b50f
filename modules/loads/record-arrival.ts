import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LoadStore } from './create-load.ts';
import { ArrivalRefusedError, StopNotFoundError } from './errors.ts';
import { getLoad } from './get-load.ts';
import type { Load } from './load-schemas.ts';
import { ARRIVAL_STATUSES } from './load-status.ts';

/**
 * Records the driver's arrival at stop `seq` (from 1), once, while the load is under
 * way. The write checks both in DynamoDB, so a repeated or late arrival changes nothing.
 */
export async function recordArrival(
  loadId: string,
  seq: number,
  arrivedAt: string,
  store: LoadStore,
): Promise<Load> {
  const load = await getLoad(store.documents, store.loadsTable, loadId);
  if (seq > load.stops.length) throw new StopNotFoundError(loadId, seq, load.stops.length);
  try {
    return await updateArrival(loadId, seq - 1, arrivedAt, store);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw await refusal(loadId, seq, store);
  }
}

async function updateArrival(
  loadId: string,
  index: number,
  arrivedAt: string,
  store: LoadStore,
): Promise<Load> {
  const statusValues = Object.fromEntries(ARRIVAL_STATUSES.map((s, i) => [`:s${i}`, s]));
  // `index` is a checked integer: a document path cannot take it as a value placeholder.
  const stop = `stops[${index}]`;
  const output = await store.documents.send(
    new UpdateCommand({
      TableName: store.loadsTable,
      Key: { loadId },
      UpdateExpression: `SET ${stop}.arrivedAt = :arrivedAt, updatedAt = :now`,
      ConditionExpression: `attribute_not_exists(${stop}.arrivedAt) AND #status IN (${Object.keys(statusValues).join(', ')})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':arrivedAt': arrivedAt,
        ':now': new Date(store.nowMs).toISOString(),
        ...statusValues,
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return output.Attributes as Load;
}

async function refusal(loadId: string, seq: number, store: LoadStore): Promise<Error> {
  const load = await getLoad(store.documents, store.loadsTable, loadId);
  const arrived = load.stops[seq - 1]?.arrivedAt;
  if (arrived) {
    return new ArrivalRefusedError(
      'STOP_ALREADY_ARRIVED',
      `Stop ${seq} of load ${loadId} already has its arrival, at ${arrived}.`,
    );
  }
  return new ArrivalRefusedError(
    'LOAD_NOT_UNDER_WAY',
    `Load ${loadId} is ${load.status}: arrivals are recorded while it is ${ARRIVAL_STATUSES.join(', ')}.`,
  );
}
