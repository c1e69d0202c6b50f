/**
 * The environment of a benchmark child that stands in for the gateway Lambda: this
 * process's, with `NODE_ENV=production` (the gateway stack sets it) and without
 * `NODE_EXTRA_CA_CERTS`, plus `extra`.
 *
 * Why the CA variable goes: this sandbox sets `NODE_EXTRA_CA_CERTS` to the system bundle,
 * so every node it starts parses some 140 certificates at boot (an empty script takes
 * 60-70 ms longer here). Lambda does not: "Starting with Node.js 20, Lambda no longer
 * loads additional CA certificates by default"; only Node.js 18 and earlier runtimes
 * loaded Amazon's, and a function that wants them sets the variable itself (AWS Lambda
 * Developer Guide, "Building Lambda functions with Node.js", section "CA certificate
 * loading": https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html). The gateway
 * runs on nodejs24.x (stacks/lambda-runtime.ts) and its stack sets no such variable.
 */
export function lambdaLikeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _notOnLambda, ...env } = process.env;
  return { ...env, NODE_ENV: 'production', ...extra };
}
