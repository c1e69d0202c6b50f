import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
  PublishVersionCommand,
  ResourceNotFoundException,
  type Runtime,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { LAMBDA_RUNTIME } from './lambda-runtime.ts';

export interface FunctionSettings {
  functionName: string;
  /** e.g. `handler.handler` */
  handler: string;
  timeoutSeconds: number;
  memoryMB: number;
  environment: Record<string, string>;
  /** The execution role; the stack makes it in AWS. */
  role: string;
  /** @default LAMBDA_RUNTIME */
  runtime?: string;
  description?: string;
  /**
   * The published version's own Description (what it was built from,
   * `versionDescription`); without it the version takes the function's.
   */
  versionDescription?: string;
}

/**
 * Where Lambda reads a version's code: a zip in the request, or an object in S3 (the
 * local Lambda reads a bucket of its own, a folder on this machine, this way).
 */
export type FunctionCodeSource = Uint8Array | { S3Bucket: string; S3Key: string };

/**
 * Puts new code and configuration on the function's `$LATEST` (creating the function
 * the first time) and publishes them as an immutable version. Lambda returns the
 * existing version when nothing changed, so a repeated call publishes nothing new.
 */
export async function publishFunctionVersion(
  lambda: LambdaClient,
  settings: FunctionSettings,
  source: FunctionCodeSource,
): Promise<{ version: string; codeSha256: string }> {
  const code = source instanceof Uint8Array ? { ZipFile: source } : source;
  const exists = await functionExists(lambda, settings.functionName);
  if (exists) {
    await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: settings.functionName, ...code }),
    );
    // AWS refuses a configuration update while the code update is still in progress.
    await waitUntilUpdated(lambda, settings.functionName);
    await lambda.send(new UpdateFunctionConfigurationCommand(configuration(settings)));
    await waitUntilUpdated(lambda, settings.functionName);
  } else {
    await lambda.send(
      new CreateFunctionCommand({
        ...configuration(settings),
        Code: code,
        PackageType: 'Zip',
      }),
    );
  }
  const published = await lambda.send(
    new PublishVersionCommand({
      FunctionName: settings.functionName,
      ...(settings.versionDescription ? { Description: settings.versionDescription } : {}),
    }),
  );
  if (!published.Version)
    throw new Error(`Lambda published no version of ${settings.functionName}`);
  return { version: published.Version, codeSha256: published.CodeSha256 ?? '' };
}

function configuration(settings: FunctionSettings) {
  return {
    FunctionName: settings.functionName,
    Handler: settings.handler,
    Runtime: (settings.runtime ?? LAMBDA_RUNTIME) as Runtime,
    Role: settings.role,
    Timeout: settings.timeoutSeconds,
    MemorySize: settings.memoryMB,
    Description: settings.description,
    Environment: { Variables: settings.environment },
  };
}

function waitUntilUpdated(lambda: LambdaClient, functionName: string) {
  return waitUntilFunctionUpdatedV2(
    { client: lambda, maxWaitTime: 300, minDelay: 1 },
    { FunctionName: functionName },
  );
}

async function functionExists(lambda: LambdaClient, functionName: string): Promise<boolean> {
  try {
    await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
