import { GetAliasCommand, type LambdaClient, UpdateAliasCommand } from '@aws-sdk/client-lambda';

/** Where an alias sends traffic: its primary version and at most one weighted extra. */
export interface AliasTraffic {
  version: string;
  /** The additional version and the share (0..1) of invokes it gets. */
  canary?: { version: string; weight: number };
}

export interface AliasRef {
  functionName: string;
  alias: string;
}

export async function readAliasTraffic(lambda: LambdaClient, ref: AliasRef): Promise<AliasTraffic> {
  const alias = await lambda.send(
    new GetAliasCommand({ FunctionName: ref.functionName, Name: ref.alias }),
  );
  const [extra] = Object.entries(alias.RoutingConfig?.AdditionalVersionWeights ?? {});
  return {
    version: alias.FunctionVersion ?? '$LATEST',
    ...(extra ? { canary: { version: extra[0], weight: extra[1] } } : {}),
  };
}

/**
 * Sends `weight` of the alias' traffic to `to` and the rest to `from`, in one
 * UpdateAlias call. Weight 1 makes `to` the primary version with no extra weight.
 *
 * @example
 * await shiftTraffic(lambda, { functionName: 'turnout-ratings', alias: 'live' }, { from: '3', to: '4', weight: 0.1 });
 */
export async function shiftTraffic(
  lambda: LambdaClient,
  ref: AliasRef,
  { from, to, weight }: { from: string; to: string; weight: number },
): Promise<AliasTraffic> {
  if (weight >= 1) return pointAlias(lambda, ref, to);
  if (weight <= 0) return pointAlias(lambda, ref, from);
  await lambda.send(
    new UpdateAliasCommand({
      FunctionName: ref.functionName,
      Name: ref.alias,
      FunctionVersion: from,
      RoutingConfig: { AdditionalVersionWeights: { [to]: weight } },
    }),
  );
  return { version: from, canary: { version: to, weight } };
}

/**
 * Points the alias at one version with no additional weight: a promotion's last step,
 * and a rollback, in one call.
 */
export async function pointAlias(
  lambda: LambdaClient,
  ref: AliasRef,
  version: string,
): Promise<AliasTraffic> {
  await lambda.send(
    new UpdateAliasCommand({
      FunctionName: ref.functionName,
      Name: ref.alias,
      FunctionVersion: version,
      RoutingConfig: { AdditionalVersionWeights: {} },
    }),
  );
  return { version };
}
