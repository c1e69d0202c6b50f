import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { LAMBDA_RUNTIME } from '../control-plane/build/index.ts';
import { LIVE_ALIAS } from '../modules/kit/index.ts';
import { functionExists } from './function-exists.ts';
import { type PolicyStatement, policyDocument } from './policy-document.ts';

/**
 * Who publishes the function's versions and moves `live` once the function exists.
 * - `pipeline` (modules): the stack creates the function with its first bundle as
 *   version 1 and points `live` at it; from then on it ignores the code and never
 *   publishes, so the pipeline alone uploads code, publishes versions and moves `live`.
 * - `stack` (the gateway, which no pipeline deploys): every deploy that changes the
 *   code or configuration publishes a version, and `live` follows it at once.
 */
export type CodeOwner = 'pipeline' | 'stack';

export interface VersionedFunctionArgs {
  /**
   * The physical function name, from the kit's `functionName()`.
   * @example 'turnout-ratings'
   */
  name: string;
  /**
   * The execution role's name, from the kit's `roleName()`: IAM names are global, so
   * it carries the Region.
   * @example 'turnout-ratings-us-east-1'
   */
  roleName: string;
  /** The bundled code (the first version's only, when the pipeline owns the code). */
  code: pulumi.Input<pulumi.asset.Archive>;
  /**
   * `<file>.<export>` inside the code archive.
   * @example 'handler.handler'
   */
  handler: string;
  timeoutSeconds: number;
  memoryMB: number;
  /** The same words the pipeline writes, so neither undoes the other's. */
  description: string;
  /**
   * Concurrent invokes reserved for the function, and its ceiling.
   * @default none: it shares the account's pool
   */
  reservedConcurrency?: number;
  environment: Record<string, pulumi.Input<string>>;
  /**
   * Days CloudWatch keeps the function's logs.
   * @default 30
   */
  logRetentionDays?: number;
  /** What the function may reach beyond its own logs. */
  statements: PolicyStatement[];
  codeOwner: CodeOwner;
}

export interface VersionedFunction {
  role: aws.iam.Role;
  logGroup: aws.cloudwatch.LogGroup;
  function: aws.lambda.Function;
  /** `live`: the alias every caller and event source targets. */
  alias: aws.lambda.Alias;
}

/**
 * A function, its role and log group, and its `live` alias, with one owner of its code
 * ({@link CodeOwner}). The stack always owns the configuration it alone knows (role,
 * environment, logging): it writes it to `$LATEST`, and the next published version
 * takes it along.
 *
 * @example
 * createVersionedFunction('Function', { name: 'turnout-ratings', codeOwner: 'pipeline', ... }, { parent: this });
 */
export function createVersionedFunction(
  logicalName: string,
  args: VersionedFunctionArgs,
  opts: pulumi.ComponentResourceOptions,
): VersionedFunction {
  const logGroup = createLogGroup(logicalName, args, opts);
  const role = createRole(logicalName, args, opts);
  const policy = createRolePolicy(logicalName, args, role, logGroup, opts);
  const fn = createFunction(logicalName, args, role, logGroup, { ...opts, dependsOn: [policy] });
  const alias = createLiveAlias(logicalName, args, fn, opts);
  return { role, logGroup, function: fn, alias };
}

function createLogGroup(
  logicalName: string,
  args: VersionedFunctionArgs,
  opts: pulumi.ComponentResourceOptions,
): aws.cloudwatch.LogGroup {
  return new aws.cloudwatch.LogGroup(
    `${logicalName}Logs`,
    { name: `/aws/lambda/${args.name}`, retentionInDays: args.logRetentionDays ?? 30 },
    opts,
  );
}

function createRole(
  logicalName: string,
  args: VersionedFunctionArgs,
  opts: pulumi.ComponentResourceOptions,
): aws.iam.Role {
  return new aws.iam.Role(
    `${logicalName}Role`,
    {
      name: args.roleName,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    },
    opts,
  );
}

function createRolePolicy(
  logicalName: string,
  args: VersionedFunctionArgs,
  role: aws.iam.Role,
  logGroup: aws.cloudwatch.LogGroup,
  opts: pulumi.ComponentResourceOptions,
): aws.iam.RolePolicy {
  // Its own log group only, instead of the managed basic-execution policy's `*`.
  const logs: PolicyStatement = {
    Sid: 'OwnLogs',
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: [pulumi.interpolate`${logGroup.arn}:*`],
  };
  return new aws.iam.RolePolicy(
    `${logicalName}Policy`,
    { role: role.id, policy: policyDocument([logs, ...args.statements]) },
    opts,
  );
}

function createFunction(
  logicalName: string,
  args: VersionedFunctionArgs,
  role: aws.iam.Role,
  logGroup: aws.cloudwatch.LogGroup,
  opts: pulumi.ComponentResourceOptions,
): aws.lambda.Function {
  const pipelineOwned = args.codeOwner === 'pipeline';
  return new aws.lambda.Function(
    logicalName,
    {
      name: args.name,
      role: role.arn,
      runtime: LAMBDA_RUNTIME,
      architectures: ['arm64'],
      handler: args.handler,
      code: args.code,
      timeout: args.timeoutSeconds,
      memorySize: args.memoryMB,
      description: args.description,
      reservedConcurrentExecutions: args.reservedConcurrency,
      // The provider publishes on every code or configuration update while `publish` is
      // true; the pipeline's function publishes only when it is created (version 1).
      publish: pipelineOwned ? functionExists(args.name, opts).apply((exists) => !exists) : true,
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      environment: {
        variables: { NODE_OPTIONS: '--enable-source-maps', ...args.environment },
      },
    },
    // The pipeline's code stays: a stack deploy never uploads over the version it released.
    pipelineOwned ? { ...opts, ignoreChanges: ['code', 'sourceCodeHash'] } : opts,
  );
}

function createLiveAlias(
  logicalName: string,
  args: VersionedFunctionArgs,
  fn: aws.lambda.Function,
  opts: pulumi.ComponentResourceOptions,
): aws.lambda.Alias {
  const pipelineOwned = args.codeOwner === 'pipeline';
  return new aws.lambda.Alias(
    `${logicalName}Live`,
    {
      name: LIVE_ALIAS,
      functionName: fn.name,
      functionVersion: fn.version,
      description: pipelineOwned
        ? 'What every caller targets; moved only by the Turnout pipeline.'
        : 'What every caller targets; follows each version the stack publishes.',
    },
    // The first deploy points `live` at version 1; from then on the pipeline owns the
    // version and the weighted routing, so the stack must not undo a shift.
    pipelineOwned ? { ...opts, ignoreChanges: ['functionVersion', 'routingConfig'] } : opts,
  );
}
