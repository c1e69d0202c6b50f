import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';

/**
 * Whether a Lambda function of this name exists already in the stack's account and
 * Region. A lookup that cannot fail (ListFunctions), unlike asking for the one
 * function, which fails the deploy when it is missing.
 *
 * @example
 * const exists = functionExists('turnout-ratings', { parent: this });
 */
export function functionExists(
  name: string,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<boolean> {
  return aws.lambda
    .getFunctionsOutput({}, { parent: opts.parent })
    .functionNames.apply((names) => names.includes(name));
}
