import { randomUUID } from 'node:crypto';
import { InvalidParameterValueError } from './errors.ts';
import type { CodePackage, FunctionConfiguration } from './types.ts';

/** The configuration fields CreateFunction and UpdateFunctionConfiguration accept. */
export interface ConfigurationInput {
  Runtime?: string;
  Role?: string;
  Handler?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  Architectures?: string[];
}

/** Lambda's defaults for a new function. */
const defaults = { Runtime: 'nodejs20.x', Timeout: 3, MemorySize: 128, Description: '' };

/** Builds `$LATEST`'s configuration for a new function. */
export function createConfiguration(
  base: { FunctionName: string; FunctionArn: string; now: number },
  input: ConfigurationInput,
  code: CodePackage,
): FunctionConfiguration {
  if (!input.Handler) throw new InvalidParameterValueError('Handler is required for Zip functions');
  const config: FunctionConfiguration = {
    FunctionName: base.FunctionName,
    FunctionArn: base.FunctionArn,
    Runtime: input.Runtime ?? defaults.Runtime,
    Role: input.Role ?? '',
    Handler: input.Handler,
    CodeSize: code.size,
    Description: input.Description ?? defaults.Description,
    Timeout: input.Timeout ?? defaults.Timeout,
    MemorySize: input.MemorySize ?? defaults.MemorySize,
    LastModified: formatLastModified(base.now),
    CodeSha256: code.sha256,
    Version: '$LATEST',
    Environment: { Variables: { ...input.Environment?.Variables } },
    RevisionId: randomUUID(),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: input.Architectures ?? ['x86_64'],
  };
  validateConfiguration(config);
  return config;
}

/** A copy of `config` with the update applied and a new RevisionId; the input is left as is. */
export function updateConfiguration(
  config: FunctionConfiguration,
  input: ConfigurationInput,
  now: number,
): FunctionConfiguration {
  const next: FunctionConfiguration = {
    ...config,
    Runtime: input.Runtime ?? config.Runtime,
    Role: input.Role ?? config.Role,
    Handler: input.Handler ?? config.Handler,
    Description: input.Description ?? config.Description,
    Timeout: input.Timeout ?? config.Timeout,
    MemorySize: input.MemorySize ?? config.MemorySize,
    Environment: input.Environment
      ? { Variables: { ...input.Environment.Variables } }
      : config.Environment,
    LastModified: formatLastModified(now),
    RevisionId: randomUUID(),
  };
  validateConfiguration(next);
  return next;
}

/** A copy of `config` running new code. */
export function withCode(
  config: FunctionConfiguration,
  code: CodePackage,
  now: number,
): FunctionConfiguration {
  return {
    ...config,
    CodeSha256: code.sha256,
    CodeSize: code.size,
    LastModified: formatLastModified(now),
    RevisionId: randomUUID(),
  };
}

/**
 * What PublishVersion compares to decide whether `$LATEST` changed since the last version:
 * code and runtime settings, not the description or the revision.
 */
export function configurationFingerprint(config: FunctionConfiguration): string {
  const { CodeSha256, Runtime, Role, Handler, Timeout, MemorySize, Environment } = config;
  return JSON.stringify([CodeSha256, Runtime, Role, Handler, Timeout, MemorySize, Environment]);
}

function validateConfiguration(config: FunctionConfiguration): void {
  if (!config.Runtime.startsWith('nodejs')) {
    throw new InvalidParameterValueError(
      `The local Lambda runs JavaScript only; Runtime ${config.Runtime} is not supported (use nodejs20.x)`,
    );
  }
  if (!Number.isInteger(config.Timeout) || config.Timeout < 1 || config.Timeout > 900) {
    throw new InvalidParameterValueError('Timeout must be an integer from 1 to 900 seconds');
  }
  if (
    !Number.isInteger(config.MemorySize) ||
    config.MemorySize < 128 ||
    config.MemorySize > 10240
  ) {
    throw new InvalidParameterValueError('MemorySize must be an integer from 128 to 10240 MB');
  }
  for (const [key, value] of Object.entries(config.Environment.Variables)) {
    if (typeof value !== 'string') {
      throw new InvalidParameterValueError(`Environment variable ${key} must be a string`);
    }
  }
}

/** Lambda's timestamp format: `2024-05-01T12:00:00.000+0000`. */
function formatLastModified(now: number): string {
  return new Date(now).toISOString().replace('Z', '+0000');
}
