import { GetFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { ModuleManifest } from '../../modules/kit/index.ts';
// The files alone: the build folder's index loads esbuild, which a rollback never needs.
import { functionDescription } from '../build/function-description.ts';
import { publishFunctionVersion } from '../build/publish-function-version.ts';

/**
 * Publishes the module's new code and the manifest's function settings as a new
 * version, keeping what the stack owns (role, environment). A change of settings alone
 * publishes a version too, since a version is code and configuration together.
 */
export async function publishModuleVersion(
  lambda: LambdaClient,
  functionName: string,
  { manifest, zip }: { manifest: ModuleManifest; zip: Uint8Array },
): Promise<{ version: string; codeSha256: string }> {
  const current = await lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: functionName }),
  );
  return publishFunctionVersion(
    lambda,
    {
      functionName,
      handler: manifest.function.handler,
      timeoutSeconds: manifest.function.timeoutSeconds,
      memoryMB: manifest.function.memoryMB,
      environment: current.Environment?.Variables ?? {},
      role: current.Role ?? '',
      runtime: current.Runtime,
      description: functionDescription(manifest),
    },
    zip,
  );
}
