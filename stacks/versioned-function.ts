import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { LIVE_ALIAS } from '../modules/kit/index.ts';
import { LAMBDA_RUNTIME } from './lambda-runtime.ts';
import { type PolicyStatement, policyDocument } from './policy-document.ts';

export interface VersionedFunctionArgs {
  /**
   * The physical function name, from the kit's `functionName()`.
   * @example 'turnout-ratings'
   */
  name: string;
  /** The Region, part of the role name because IAM names are global. */
  region: string;
  /** The bundled code. */
  code: pulumi.asset.Archive;
  /**
   * `<file>.<export>` inside the code archive.
   * @example 'handler.handler'
   */
  handler: string;
  timeoutSeconds: number;
  memoryMB: number;
  environment: Record<string, pulumi.Input<string>>;
  /**
   * Days CloudWatch keeps the function's logs.
   * @default 30
   */
  logRetentionDays?: number;
  /** What the function may reach beyond its own logs. */
  statements: PolicyStatement[];
}

export interface VersionedFunction {
  role: aws.iam.Role;
  logGroup: aws.cloudwatch.LogGroup;
  function: aws.lambda.Function;
  /** `live`: the alias every caller and event source targets. */
  alias: aws.lambda.Alias;
}

/**
 * A function that publishes a version on every code change, and its `live` alias.
 * After the first deploy the alias is the pipeline's: a stack update never moves it,
 * so a deploy only adds a version and the pipeline shifts traffic to it.
 *
 * @example
 * createVersionedFunction('Function', { name: 'turnout-ratings', ... }, { parent: this });
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
  const alias = createLiveAlias(logicalName, fn, opts);
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
      name: `${args.name}-${args.region}`,
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
      publish: true,
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      environment: {
        variables: { NODE_OPTIONS: '--enable-source-maps', ...args.environment },
      },
    },
    opts,
  );
}

function createLiveAlias(
  logicalName: string,
  fn: aws.lambda.Function,
  opts: pulumi.ComponentResourceOptions,
): aws.lambda.Alias {
  return new aws.lambda.Alias(
    `${logicalName}Live`,
    {
      name: LIVE_ALIAS,
      functionName: fn.name,
      // The first deploy points `live` at the first version; from then on the pipeline
      // owns the version and the weighted routing, so the stack must not undo a shift.
      functionVersion: fn.version,
      description: 'What every caller targets; moved only by the Turnout pipeline.',
    },
    { ...opts, ignoreChanges: ['functionVersion', 'routingConfig'] },
  );
}
