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
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      for (const record of page.Records ?? []) {
        const created = record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? 0;
        found.push({ record, appearedAt: Math.max(since, created) });
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

  return { read };
}
