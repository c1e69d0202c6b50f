import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** The account and partition a stack deploys to, for ARNs of what another stack created. */
export type Account = pulumi.Output<{ accountId: string; partition: string }>;

/**
 * Looks up the caller's account and partition under the component `opts.parent`.
 *
 * @example
 * const account = getAccount({ parent: this });
 */
export function getAccount(opts: pulumi.CustomResourceOptions): Account {
  const invokeOpts = { parent: opts.parent };
  return pulumi
    .all([aws.getCallerIdentityOutput({}, invokeOpts), aws.getPartitionOutput({}, invokeOpts)])
    .apply(([identity, partition]) => ({
      accountId: identity.accountId,
      partition: partition.partition,
    }));
}
