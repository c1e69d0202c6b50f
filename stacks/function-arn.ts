import type * as pulumi from '@pulumi/pulumi';
import type { Account } from './get-account.ts';

/**
 * The ARN of a Lambda function another stack created, with a qualifier (an alias, a
 * version, or an IAM pattern of them), for a policy that names what it may invoke.
 *
 * @example
 * functionArn(account, 'us-east-1', 'turnout-ratings', 'live');
 * // arn:aws:lambda:us-east-1:123456789012:function:turnout-ratings:live
 */
export function functionArn(
  account: Account,
  region: string,
  functionName: string,
  qualifier: string,
): pulumi.Output<string> {
  return account.apply(
    ({ accountId, partition }) =>
      `arn:${partition}:lambda:${region}:${accountId}:function:${functionName}:${qualifier}`,
  );
}
