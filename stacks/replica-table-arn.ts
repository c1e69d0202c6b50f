import type * as pulumi from '@pulumi/pulumi';
import type { Account } from './get-account.ts';

/**
 * The ARN of a global table's replica in this Region. The home Region's stack created
 * it, so this stack knows it only by name and builds its ARN for policies.
 *
 * @example
 * replicaTableArn(account, 'eu-west-1', 'turnout-registry');
 * // arn:aws:dynamodb:eu-west-1:123456789012:table/turnout-registry
 */
export function replicaTableArn(
  account: Account,
  region: string,
  name: string,
): pulumi.Output<string> {
  return account.apply(
    ({ accountId, partition }) => `arn:${partition}:dynamodb:${region}:${accountId}:table/${name}`,
  );
}
