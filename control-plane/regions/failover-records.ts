import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

/** The table of failover records, beside the registry and the deployment records. */
export const DEFAULT_FAILOVERS_TABLE = 'turnout-failovers';

const FAILOVER_PK = 'failover';

/** Who moved traffic between Regions, when, why, and what followed. */
export interface FailoverRecord {
  id: string;
  /** `to` sent all traffic to one Region; `restore` turned every Region back on. */
  action: 'to' | 'restore';
  /** The Region all traffic went to (action `to`). */
  to?: string;
  /** Each Region's routing control before and after. */
  before: Record<string, boolean>;
  after: Record<string, boolean>;
  by: string;
  reason: string;
  at: string;
  /**
   * After the switch, how long until the Regions turned off received their last request
   * (ms); absent when nothing measured it (no front door, no traffic).
   */
  trafficStoppedAfterMs?: number;
}

/** Writes (or rewrites, with its figures) one failover record. */
export async function putFailoverRecord(
  documents: DynamoDBDocumentClient,
  table: string,
  record: FailoverRecord,
): Promise<void> {
  await documents.send(
    new PutCommand({
      TableName: table,
      Item: { pk: FAILOVER_PK, sk: `${record.at}#${record.id}`, ...record },
    }),
  );
}

/** The newest failover records first. */
export async function listFailoverRecords(
  documents: DynamoDBDocumentClient,
  table: string,
  limit = 10,
): Promise<FailoverRecord[]> {
  const page = await documents.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': FAILOVER_PK },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (page.Items ?? []).map(({ pk: _pk, sk: _sk, ...record }) => record as FailoverRecord);
}
