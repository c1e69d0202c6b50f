import { GetFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { functionDescription } from '../build/function-description.ts';
import { publishFunctionVersion } from '../build/publish-function-version.ts';
import { versionDescription } from '../build/version-description.ts';
// The files alone: the build folder's index loads esbuild, which a rollback never needs.
import type { ModuleRelease } from './module-run.ts';

/**
 * Publishes the module's new code and the manifest's function settings as a new
 * version, keeping what the stack owns (role, environment). A change of settings alone
 * publishes a version too, since a version is code and configuration together.
 */
export async function publishModuleVersion(
  lambda: LambdaClient,
  functionName: string,
  { manifest, zip, provenance }: Pick<ModuleRelease, 'manifest' | 'zip' | 'provenance'>,
  /** The deployment that publishes it: the version's description points to its record. */
  deploymentId?: string,
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
      ...(provenance && deploymentId
        ? { versionDescription: versionDescription(provenance, deploymentId) }
        : {}),
    },
    zip,
  );
}
