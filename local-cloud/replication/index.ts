/** A local stand-in for DynamoDB global tables: replication between Regions from the streams. */
export {
  type ReplicaRegion,
  type ReplicationLatencySample,
  startTableReplication,
  type TableReplication,
  type TableReplicationOptions,
} from './start-table-replication.ts';
