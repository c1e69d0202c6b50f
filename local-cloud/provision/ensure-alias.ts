import {
  CreateAliasCommand,
  GetAliasCommand,
  type LambdaClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';

/**
 * Makes sure the alias exists, pointing at `version` if it has to be created. An
 * existing alias is left alone: moving traffic is the deployment pipeline's job.
 */
export async function ensureAlias(
  lambda: LambdaClient,
  { functionName, alias, version }: { functionName: string; alias: string; version: string },
): Promise<{ created: boolean; version: string }> {
  try {
    const existing = await lambda.send(
      new GetAliasCommand({ FunctionName: functionName, Name: alias }),
    );
    return { created: false, version: existing.FunctionVersion ?? version };
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await lambda.send(
    new CreateAliasCommand({ FunctionName: functionName, Name: alias, FunctionVersion: version }),
  );
  return { created: true, version };
}
