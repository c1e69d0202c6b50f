import type { AwsCredentials } from '../../gateway/invoke/read-credentials-from-env.ts';

/**
 * Credentials shaped like those Lambda hands a function: an execution role's temporary
 * credentials, so an `ASIA` key id and a session token (`AWS_SESSION_TOKEN` is always set
 * in a Lambda function). The token is signed and sent with every invoke, and STS tokens
 * run to about a kilobyte, so the benchmarks sign with one that long: a gateway measured
 * with bare long-term keys would look cheaper than it is.
 */
export const LAMBDA_LIKE_CREDENTIALS: AwsCredentials = {
  accessKeyId: 'ASIABENCHMARKEXAMPLE',
  secretAccessKey: 'benchmarkSecretAccessKeyExample0123456789',
  sessionToken: `IQoJb3JpZ2luX2VjE${'BenchmarkSessionToken/+='.repeat(42)}`,
};
