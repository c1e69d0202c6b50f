import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { Account } from './get-account.ts';
import { replicaOf } from './replica-of.ts';
import { replicaTableArn } from './replica-table-arn.ts';

export interface RegistryTableArgs {
  /**
   * From the kit's `registryTableName(resourcePrefix)`, as the pipeline names it.
   * @example 'turnout-registry'
   */
  name: string;
  region: string;
  /** The Region whose gateway stack creates the table. */
  homeRegion: string;
  /** Every Region with a gateway; each gets a replica, so each gateway reads locally. */
  regions: string[];
  /** Deletion protection on the table and its replicas (production only). */
  protect: boolean;
  account: Account;
}

export interface RegistryTable {
  name: string;
  arn: pulumi.Output<string>;
}

/**
 * The registry (contract 3): `pk`/`sk` strings, one global table so one publish reaches
 * every Region's gateway. The home Region creates it; the others refer to their replica.
 *
 * @example
 * createRegistryTable({ name: 'turnout-registry', region: 'us-east-1', homeRegion: 'us-east-1', regions: ['us-east-1', 'eu-west-1'], ... }, { parent });
 */
export function createRegistryTable(
  args: RegistryTableArgs,
  opts: pulumi.CustomResourceOptions,
): RegistryTable {
  const name = args.name;
  if (args.region !== args.homeRegion) {
    return { name, arn: replicaTableArn(args.account, args.region, name) };
  }
  const replicas = args.regions.filter((region) => region !== args.homeRegion);
  const table = new aws.dynamodb.Table(
    'Registry',
    {
      name,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'pk',
      rangeKey: 'sk',
      attributes: [
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'S' },
      ],
      streamEnabled: replicas.length > 0,
      streamViewType: replicas.length > 0 ? 'NEW_AND_OLD_IMAGES' : undefined,
      replicas: replicas.map((regionName) => replicaOf(regionName, args.protect)),
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: args.protect,
    },
    opts,
  );
  return { name, arn: table.arn };
}
