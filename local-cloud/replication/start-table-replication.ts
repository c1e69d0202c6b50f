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
  /** How often a stream is read while it has writes; an idle one backs off to 400 ms. @default 100 */
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

  /**
   * Applies what one stream read brought, in the order its Region wrote it. Decisions and
   * their writes go through one queue, so writes land in the order they were decided,
   * whichever stream brought them: a later decision must not be overtaken by an earlier one.
   */
  let applying: Promise<void> = Promise.resolve();
  function replicate(reader: (typeof readers)[number], records: ReadRecord[]): Promise<void> {
    if (records.length === 0) return applying;
    const run = applying.then(() => decideAndApply(reader, records));
    applying = run.catch(() => {});
    return run;
  }

  async function decideAndApply(reader: (typeof readers)[number], records: ReadRecord[]) {
    for (const { record, appearedAt } of records) {
      const keys = record.dynamodb?.Keys as ReplicaWrite['keys'];
      const writes = decide.observe({
        region: reader.region,
        table: reader.table,
        key: imageFingerprint(keys),
        keys,
        image:
          record.eventName === 'REMOVE'
            ? undefined
            : (record.dynamodb?.NewImage as ReplicaWrite['image']),
        // The time we saw it: DynamoDB's own timestamps are whole seconds.
        version: { timeMs: appearedAt, region: reader.region },
      });
      for (const write of writes) await apply(write, reader.region, appearedAt);
    }
  }

  let running = true;
  const interval = options.pollIntervalMs ?? 100;
  // why one loop per stream, not one cycle over all: a cycle waited for the slowest of
  // every table's reads in every Region before applying anything, so on a busy machine
  // each write's lag was the slowest read's (p99 2.7 s at load 28, BENCHMARKS.md). The
  // reads now run apart; the decisions and writes stay in one queue (replicate).
  const follow = async (reader: (typeof readers)[number]) => {
    let wait = interval;
    while (running) {
      const started = Date.now();
      try {
        const records = await reader.read();
        await replicate(reader, records);
        // why back off: most tables are idle most of the time, and every read of every
        // stream is a request to a DynamoDB Local JVM on the developer's cores; an idle
        // stream is read less often (up to IDLE_POLL_MS), a busy one every interval.
        wait = records.length ? interval : Math.min(wait * 2, Math.max(interval, IDLE_POLL_MS));
      } catch (error) {
        if (running) options.onError?.(error);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, wait - (Date.now() - started))));
    }
  };
  const loop = Promise.all(readers.map(follow));
  const stop = async () => {
    running = false;
    await loop;
  };
  return { samples, stop, [Symbol.asyncDispose]: stop };
}

/** The longest wait between two reads of an idle stream. */
const IDLE_POLL_MS = 400;

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
