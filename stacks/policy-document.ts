import * as pulumi from '@pulumi/pulumi';

/** One IAM statement. Resources are always named: Turnout grants no `*` on data. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: pulumi.Input<string>[];
}

/**
 * Renders statements as an IAM policy document (JSON), resolving the ARNs inside.
 *
 * @example
 * policyDocument([{ Sid: 'Votes', Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [table.arn] }]);
 */
export function policyDocument(statements: PolicyStatement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: '2012-10-17', Statement: statements });
}
