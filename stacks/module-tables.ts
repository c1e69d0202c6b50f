import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import {
  describeModuleTable,
  type ModuleTableDescription,
  type TableManifest,
} from '../modules/kit/index.ts';
import { capitalize } from './capitalize.ts';
import type { Account } from './get-account.ts';
import { replicaOf } from './replica-of.ts';
import { replicaTableArn } from './replica-table-arn.ts';

export interface ModuleTablesArgs {
  module: string;
  tables: Record<string, TableManifest>;
  /** The Region this stack deploys to. */
  region: string;
  /** The Region whose stack creates a global table and its replicas. */
  homeRegion: string;
  resourcePrefix: string;
  /** Deletion protection on every table and replica (production only, so others can be removed). */
  protect: boolean;
  /** The account and partition, for the ARN of a replica another stack created. */
  account: Account;
}

/** A table as the function sees it, created here or replicated from the home Region. */
export interface ModuleTable {
  logicalName: string;
  name: string;
  arn: pulumi.Output<string>;
  indexNames: string[];
  /** Set when the table has a stream. */
  streamArn?: pulumi.Output<string>;
}

/**
 * The module's DynamoDB tables. A table with `replicaRegions` is a global table: the
 * home Region's stack creates it with its replicas, and the stack of a replica Region
 * only refers to the copy it already has (creating it twice would fail).
 *
 * @example
 * createModuleTables({ module: 'ratings', tables: manifest.tables, region, homeRegion, ... }, { parent });
 */
export function createModuleTables(
  args: ModuleTablesArgs,
  opts: pulumi.CustomResourceOptions,
): ModuleTable[] {
  return Object.entries(args.tables).map(([logicalName, table]) => {
    const description = describeModuleTable(args.module, logicalName, table, args.resourcePrefix);
    const name = description.name;
    const indexNames = description.indexes.map((index) => index.name);
    if (args.region !== args.homeRegion && table.replicaRegions.includes(args.region)) {
      return { logicalName, name, indexNames, ...referToReplica(name, table, args, opts) };
    }
    const created = createTable(logicalName, description, table, args, opts);
    return {
      logicalName,
      name,
      indexNames,
      arn: created.arn,
      ...(normalizeStreamView(table) ? { streamArn: created.streamArn } : {}),
    };
  });
}

/** The stream view a table gets in AWS: the manifest's, but replicas need both images. */
export function normalizeStreamView(table: TableManifest): TableManifest['stream'] {
  return table.replicaRegions.length > 0 ? 'NEW_AND_OLD_IMAGES' : table.stream;
}

function createTable(
  logicalName: string,
  description: ModuleTableDescription,
  table: TableManifest,
  args: ModuleTablesArgs,
  opts: pulumi.CustomResourceOptions,
): aws.dynamodb.Table {
  const streamView = normalizeStreamView(table);
  const [hashKey, rangeKey] = description.keySchema;
  return new aws.dynamodb.Table(
    `Table${capitalize(logicalName)}`,
    {
      name: description.name,
      billingMode: description.billingMode,
      hashKey: hashKey.attributeName,
      rangeKey: rangeKey?.attributeName,
      attributes: description.attributes,
      globalSecondaryIndexes: description.indexes.map((index) => ({
        name: index.name,
        projectionType: index.projection,
        keySchemas: index.keySchema,
      })),
      ttl: description.ttlAttribute
        ? { attributeName: description.ttlAttribute, enabled: true }
        : undefined,
      streamEnabled: streamView !== undefined,
      streamViewType: streamView,
      replicas: table.replicaRegions.map((regionName) => replicaOf(regionName, args.protect)),
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: args.protect,
    },
    opts,
  );
}

function referToReplica(
  name: string,
  table: TableManifest,
  args: ModuleTablesArgs,
  opts: pulumi.CustomResourceOptions,
): Pick<ModuleTable, 'arn' | 'streamArn'> {
  const arn = replicaTableArn(args.account, args.region, name);
  // A replica's stream label is only known in AWS; its consumer reads it by lookup.
  const streamArn = normalizeStreamView(table)
    ? aws.dynamodb.getTableOutput({ name }, { parent: opts.parent }).streamArn
    : undefined;
  return streamArn ? { arn, streamArn } : { arn };
}
