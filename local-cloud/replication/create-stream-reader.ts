import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';

/** A stream record with when it first showed in the stream, at the latest. */
export interface ReadRecord {
  record: StreamRecord;
  /**
   * When it appeared in the stream: not before the last read that did not see it, nor
   * before its ApproximateCreationDateTime. The start of CloudWatch's ReplicationLatency.
   */
  appearedAt: number;
}

/**
 * Follows one table's stream from now on: every open shard, and the shards that follow a
 * closed one. `read()` returns what was written since the last read.
 */
export async function createStreamReader(streams: DynamoDBStreamsClient, streamArn: string) {
  const iterators = new Map<string, string>();
  /** Per shard, the last record read: where to pick up when an iterator goes bad. */
  const lastSequence = new Map<string, string>();
  const seenShards = new Set<string>();
  let lastReadAt = Date.now();

  async function discoverShards(type: 'LATEST' | 'TRIM_HORIZON'): Promise<void> {
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        const id = shard.ShardId as string;
        if (seenShards.has(id)) continue;
        seenShards.add(id);
        // A closed shard we never followed held writes from before we started.
        if (type === 'LATEST' && shard.SequenceNumberRange?.EndingSequenceNumber) continue;
        const { ShardIterator } = await streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: id,
            ShardIteratorType: type,
          }),
        );
        if (ShardIterator) iterators.set(id, ShardIterator);
      }
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
  }

  await discoverShards('LATEST');

  async function read(): Promise<ReadRecord[]> {
    const since = lastReadAt;
    lastReadAt = Date.now();
    const found: ReadRecord[] = [];
    let shardClosed = false;
    for (const [shard, iterator] of [...iterators]) {
      const page = await getRecords(shard, iterator);
      for (const record of page.Records ?? []) {
        const created = record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? 0;
        found.push({ record, appearedAt: Math.max(since, created) });
        if (record.dynamodb?.SequenceNumber)
          lastSequence.set(shard, record.dynamodb.SequenceNumber);
      }
      if (page.NextShardIterator) iterators.set(shard, page.NextShardIterator);
      else {
        iterators.delete(shard);
        shardClosed = true;
      }
    }
    // Its children hold what follows: read them from their start.
    if (shardClosed || iterators.size === 0) await discoverShards('TRIM_HORIZON');
    return found;
  }

  /**
   * GetRecords, picking the shard up again after the last record read when its iterator
   * has gone bad (expired, or DynamoDB Local's TrimmedDataAccessException on an iterator
   * taken at LATEST of a shard that had no records yet).
   */
  async function getRecords(shard: string, iterator: string) {
    try {
      return await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
      const after = lastSequence.get(shard);
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      return streams.send(new GetRecordsCommand({ ShardIterator: ShardIterator as string }));
    }
  }

  return { read };
}
