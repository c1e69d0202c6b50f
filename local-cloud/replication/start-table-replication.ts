import {
  DeleteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { createLastWriterWins, type ReplicaWrite } from './create-last-writer-wins.ts';
import { createStreamReader, type ReadRecord } from './create-stream-reader.ts';
import { imageFingerprint } from './item-versions.ts';

/** One Region's DynamoDB, as the replicator reaches it. */
export interface ReplicaRegion {
  region: string;
  dynamo: DynamoDBClient;
  streams: DynamoDBStreamsClient;
}

export interface ReplicationLatencySample {
  table: string;
  sourceRegion: string;
  receivingRegion: string;
  latencyMs: number;
  at: number;
}

export interface TableReplicationOptions {
  regions: readonly ReplicaRegion[];
  /** Table names, the same in every Region. */
  tables: readonly string[];
  /** How often each stream is read. @default 100 */
  pollIntervalMs?: number;
  /** Each write applied in another Region: CloudWatch's ReplicationLatency, per sample. */
  onReplicated?: (sample: ReplicationLatencySample) => void;
  onError?: (error: unknown) => void;
}

export interface TableReplication extends AsyncDisposable {
  /** Every latency sample so far (the benchmark's percentiles). */
  readonly samples: readonly ReplicationLatencySample[];
  stop(): Promise<void>;
}

/**
 * A local stand-in for DynamoDB global tables: each Region's copy of the tables streams
 * its writes (StreamSpecification NEW_AND_OLD_IMAGES, turned on here as a global table
 * needs it), and every write a Region made itself is applied in the others, the later
 * write winning a conflict (createLastWriterWins). Our own writes are recognised when they
 * come back through a stream and go no further, so nothing loops.
 *
 * It starts from the streams' ends: what the tables held before (the seed data every
 * Region loads alike) is not copied.
 */
export async function startTableReplication(
  options: TableReplicationOptions,
): Promise<TableReplication> {
  const byRegion = new Map(options.regions.map((r) => [r.region, r]));
  const decide = createLastWriterWins({ regions: options.regions.map((r) => r.region) });
  const samples: ReplicationLatencySample[] = [];
  const readers: { region: string; table: string; read: () => Promise<ReadRecord[]> }[] = [];
  for (const region of options.regions) {
    for (const table of options.tables) {
      const streamArn = await enableStream(region.dynamo, table);
      const reader = await createStreamReader(region.streams, streamArn);
      readers.push({ region: region.region, table, read: reader.read });
    }
  }

  async function apply(write: ReplicaWrite, from: string, appearedAt: number): Promise<void> {
    const target = byRegion.get(write.region) as ReplicaRegion;
    if (write.image)
      await target.dynamo.send(new PutItemCommand({ TableName: write.table, Item: write.image }));
    else
      await target.dynamo.send(new DeleteItemCommand({ TableName: write.table, Key: write.keys }));
    if (write.region === from) return;
    const sample = {
      table: write.table,
      sourceRegion: from,
      receivingRegion: write.region,
      latencyMs: Date.now() - appearedAt,
      at: Date.now(),
    };
    samples.push(sample);
    if (samples.length > 100_000) samples.shift();
    options.onReplicated?.(sample);
  }

  async function cycle(): Promise<void> {
    const reads = await Promise.all(readers.map(async (r) => ({ ...r, records: await r.read() })));
    // One at a time: the decisions share state, and a Region's writes keep their order.
    for (const { region, table, records } of reads) {
      for (const { record, appearedAt } of records) {
        const keys = record.dynamodb?.Keys as ReplicaWrite['keys'];
        const writes = decide.observe({
          region,
          table,
          key: imageFingerprint(keys),
          keys,
          image:
            record.eventName === 'REMOVE'
              ? undefined
              : (record.dynamodb?.NewImage as ReplicaWrite['image']),
          // The time we saw it: DynamoDB's own timestamps are whole seconds.
          version: { timeMs: appearedAt, region },
        });
        for (const write of writes) await apply(write, region, appearedAt);
      }
    }
  }

  let running = true;
  const interval = options.pollIntervalMs ?? 100;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      try {
        await cycle();
      } catch (error) {
        if (running) options.onError?.(error);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, interval - (Date.now() - started))));
    }
  })();
  const stop = async () => {
    running = false;
    await loop;
  };
  return { samples, stop, [Symbol.asyncDispose]: stop };
}

/** The table's stream ARN, turning on a NEW_AND_OLD_IMAGES stream if it has none. */
async function enableStream(dynamo: DynamoDBClient, table: string): Promise<string> {
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: table }));
  if (Table?.StreamSpecification?.StreamEnabled && Table.LatestStreamArn) {
    if (
      Table.StreamSpecification.StreamViewType === 'KEYS_ONLY' ||
      Table.StreamSpecification.StreamViewType === 'OLD_IMAGE'
    )
      throw new Error(
        `Table ${table} streams ${Table.StreamSpecification.StreamViewType}: a global table needs the new images (NEW_IMAGE or NEW_AND_OLD_IMAGES).`,
      );
    return Table.LatestStreamArn;
  }
  const updated = await dynamo.send(
    new UpdateTableCommand({
      TableName: table,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const arn = updated.TableDescription?.LatestStreamArn;
  if (!arn) throw new Error(`DynamoDB did not give table ${table} a stream.`);
  return arn;
}
