import { GatewayConfigError } from '../errors.ts';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The credentials Lambda puts in every function's environment (and that developers
 * export locally). The gateway reads them once per invoke, so a rotated set is seen.
 *
 * @example
 * const credentials = readCredentialsFromEnv(process.env);
 */
export function readCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AwsCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new GatewayConfigError(
      'The gateway signs its Lambda invokes and found no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (Lambda sets them itself), or pass `credentials` to createLambdaInvoker',
    );
  }
  const sessionToken = env.AWS_SESSION_TOKEN;
  return sessionToken
    ? { accessKeyId, secretAccessKey, sessionToken }
    : { accessKeyId, secretAccessKey };
}

/**
 * A function answering the credentials to sign with: the given ones, the given function,
 * or the environment's (read on each call, so a rotated set is seen).
 *
 * @example
 * const credentials = resolveCredentials(options.credentials);
 * sign(request, credentials());
 */
export function resolveCredentials(
  credentials: AwsCredentials | (() => AwsCredentials) | undefined,
): () => AwsCredentials {
  if (typeof credentials === 'function') return credentials;
  if (credentials) return () => credentials;
  return () => readCredentialsFromEnv();
}
