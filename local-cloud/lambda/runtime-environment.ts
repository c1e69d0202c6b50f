import type { FunctionVersion } from './types.ts';

export interface RuntimeEnvironmentOptions {
  region: string;
  /** Set by the local cloud, e.g. `AWS_ENDPOINT_URL_DYNAMODB`; a function's own variables win. */
  runtimeEnvironment?: Record<string, string>;
}

/** Credentials every function gets; the local services accept anything, as AWS would not. */
/** The locale every function starts with, as in Lambda (a spare runtime starts with it too). */
export const RUNTIME_LANG = 'en_US.UTF-8';

const FAKE_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'ASIALOCALLAMBDA00000',
  AWS_SECRET_ACCESS_KEY: 'local-lambda-secret-access-key',
  AWS_SESSION_TOKEN: 'local-lambda-session-token',
};

/**
 * The `process.env` a version's handler sees: the function's `Environment.Variables` plus the
 * variables Lambda's runtime sets itself, which a function cannot override.
 *
 * @example
 * buildRuntimeEnvironment(version, { region: 'us-east-1' }).AWS_LAMBDA_FUNCTION_VERSION // '3'
 */
export function buildRuntimeEnvironment(
  { config, code }: FunctionVersion,
  options: RuntimeEnvironmentOptions,
): Record<string, string> {
  return {
    ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
    LANG: RUNTIME_LANG,
    ...options.runtimeEnvironment,
    ...config.Environment.Variables,
    ...FAKE_CREDENTIALS,
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.Runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: config.FunctionName,
    AWS_LAMBDA_FUNCTION_VERSION: config.Version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.MemorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.FunctionName}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: code.dir,
    _HANDLER: config.Handler,
  };
}
