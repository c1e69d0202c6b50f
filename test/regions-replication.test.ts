import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AwsClients,
  createAwsClients,
  destroyAwsClients,
  ensureKeyedTable,
  LOCAL_CREDENTIALS,
} from '../control-plane/aws/index.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../local-cloud/dynamodb.ts';
import { startTableReplication, type TableReplication } from '../local-cloud/replication/index.ts';

const REGIONS = ['us-east-1', 'us-west-2'] as const;
const TABLE = 'replicated';

describe('global tables locally: replication between two DynamoDB Locals', () => {
  const dynamos: LocalDynamoDb[] = [];
  const clients: AwsClients[] = [];
  const streams: DynamoDBStreamsClient[] = [];
  let replication: TableReplication;
  const errors: unknown[] = [];

  beforeAll(async () => {
    for (const region of REGIONS) {
      const dynamo = await startLocalDynamoDb();
      dynamos.push(dynamo);
      const c = createAwsClients({
        region,
        endpoints: { dynamodb: dynamo.endpoint },
        credentials: LOCAL_CREDENTIALS,
      });
      clients.push(c);
      streams.push(
        new DynamoDBStreamsClient({
          region,
          endpoint: dynamo.endpoint,
          credentials: LOCAL_CREDENTIALS,
        }),
      );
      await ensureKeyedTable(c.dynamo, TABLE);
    }
    replication = await startTableReplication({
      regions: REGIONS.map((region, i) => ({
        region,
        dynamo: (clients[i] as AwsClients).dynamo,
        streams: streams[i] as DynamoDBStreamsClient,
      })),
      tables: [TABLE],
      onError: (error) => errors.push(error),
    });
  });

  afterAll(async () => {
    await replication?.stop();
    for (const s of streams) s.destroy();
    for (const c of clients) destroyAwsClients(c);
    await Promise.all(dynamos.map((d) => d.stop()));
  });

  const [east, west] = [0, 1].map((i) => ({
    put: (item: Record<string, unknown>) =>
      (clients[i] as AwsClients).documents.send(new PutCommand({ TableName: TABLE, Item: item })),
    get: async (sk: string) =>
      (
        await (clients[i] as AwsClients).documents.send(
          new GetCommand({ TableName: TABLE, Key: { pk: 'p', sk }, ConsistentRead: true }),
        )
      ).Item,
    delete: (sk: string) =>
      (clients[i] as AwsClients).documents.send(
        new DeleteCommand({ TableName: TABLE, Key: { pk: 'p', sk } }),
      ),
  })) as [
    {
      put(i: Record<string, unknown>): Promise<unknown>;
      get(sk: string): Promise<unknown>;
      delete(sk: string): Promise<unknown>;
    },
    {
      put(i: Record<string, unknown>): Promise<unknown>;
      get(sk: string): Promise<unknown>;
      delete(sk: string): Promise<unknown>;
    },
  ];

  it('makes a write in one Region readable in the other, and reports the lag', async () => {
    const before = replication.samples.length;
    await east.put({ pk: 'p', sk: 'a', value: 'from east' });
    await expect.poll(() => west.get('a')).toEqual({ pk: 'p', sk: 'a', value: 'from east' });
    const sample = replication.samples.slice(before).find((s) => s.receivingRegion === 'us-west-2');
    expect(sample).toMatchObject({ table: TABLE, sourceRegion: 'us-east-1' });
    expect(sample?.latencyMs).toBeGreaterThanOrEqual(0);
    await west.put({ pk: 'p', sk: 'b', value: 'from west' });
    await expect.poll(() => east.get('b')).toEqual({ pk: 'p', sk: 'b', value: 'from west' });
  });

  it('replicates deletions', async () => {
    await east.put({ pk: 'p', sk: 'gone', value: 1 });
    await expect.poll(() => west.get('gone')).toBeDefined();
    await west.delete('gone');
    await expect.poll(() => east.get('gone')).toBeUndefined();
  });

  it('does not send a replicated write back: the copies stop once both Regions hold it', async () => {
    await east.put({ pk: 'p', sk: 'once', value: 'x' });
    await expect.poll(() => west.get('once')).toBeDefined();
    // Long enough for an echo to come round many times over, were it sent back.
    const settled = replication.samples.length;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(replication.samples.length).toBe(settled);
    expect(replication.samples.filter((s) => s.table === TABLE && s.at > 0).length).toBeGreaterThan(
      0,
    );
  });

  it('converges on one value when both Regions write the same item at once', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        Promise.all([
          east.put({ pk: 'p', sk: `c${n}`, value: `east ${n}` }),
          west.put({ pk: 'p', sk: `c${n}`, value: `west ${n}` }),
        ]),
      ),
    );
    for (let n = 0; n < 10; n++) {
      await expect
        .poll(async () => {
          const [a, b] = await Promise.all([east.get(`c${n}`), west.get(`c${n}`)]);
          return JSON.stringify(a) === JSON.stringify(b);
        })
        .toBe(true);
    }
    expect(errors).toEqual([]);
  });
});
