import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Facility, facilityKey, type Road } from './graph-items.ts';

/** A facility with the roads that leave it. */
export interface FacilityNode {
  facility: Facility;
  roads: Road[];
}

/** Finds one facility node; undefined when the graph has no such facility. */
export type FacilityNodeLoader = (facilityId: string) => Promise<FacilityNode | undefined>;

/**
 * A loader that reads each facility and its roads with one Query, and remembers what
 * it read, so a route search reads each facility at most once.
 */
export function createFacilityNodeLoader(
  documents: DynamoDBDocumentClient,
  tableName: string,
): FacilityNodeLoader {
  const seen = new Map<string, Promise<FacilityNode | undefined>>();
  return (facilityId) => {
    let node = seen.get(facilityId);
    if (!node) {
      node = queryFacilityNode(documents, tableName, facilityId);
      seen.set(facilityId, node);
    }
    return node;
  };
}

async function queryFacilityNode(
  documents: DynamoDBDocumentClient,
  tableName: string,
  facilityId: string,
): Promise<FacilityNode | undefined> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await documents.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': facilityKey(facilityId) },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(output.Items ?? []));
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  const facility = items.find((item) => item.sk === 'FACILITY');
  if (!facility) return undefined;
  const roads = items.filter((item) => String(item.sk).startsWith('ROAD#'));
  return { facility: toFacility(facility), roads: roads.map(toRoad) };
}

function toFacility(item: Record<string, unknown>): Facility {
  const { facilityId, name, city, state } = item as unknown as Facility;
  return { facilityId, name, city, state };
}

function toRoad(item: Record<string, unknown>): Road {
  const { from, to, miles, highway } = item as unknown as Road;
  return { from, to, miles: Number(miles), highway };
}
