import { join } from 'node:path';
import { Command } from 'commander';
import type { DevEndpoints } from '../dev/endpoints-file.ts';

/**
 * `turnout env`: the shell variables that point the AWS CLI and SDKs at the running local
 * cloud, for `eval "$(bin/turnout.js env)"`. Serves module teams and operators on their
 * own machine; it reads only `.turnout/endpoints.json`, which only this user may read.
 */
export function envCommand(): Command {
  return new Command('env')
    .description(
      'Print `export` lines that point the AWS CLI and SDKs at the running `turnout dev`: ' +
        'eval "$(bin/turnout.js env)" && aws lambda list-functions',
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .action(async (options: { root: string }) => {
      // The endpoints file alone: the dev folder's index loads the gateway and the local cloud.
      const { readEndpointsFile } = await import('../dev/endpoints-file.ts');
      const { NoLocalCloudError } = await import('../errors.ts');
      const file = join(options.root, '.turnout', 'endpoints.json');
      const endpoints = await readEndpointsFile(file);
      if (!endpoints) throw new NoLocalCloudError(file);
      console.log(formatEnvExports(endpoints));
    });
}

/**
 * The variables, one `export` a line. The SDKs (v3) and the AWS CLI (v2, and v1 from
 * botocore 1.31) read `AWS_ENDPOINT_URL_<SERVICE>`; the SDKs read `AWS_REGION`, the CLI
 * `AWS_DEFAULT_REGION`. The local services accept any credentials, so these are fixed
 * placeholders, never real keys. CloudWatch is the local Lambda (it answers GetMetricData).
 *
 * @example
 * formatEnvExports(endpoints).split('\n')[1]; // "export AWS_ENDPOINT_URL_LAMBDA='http://127.0.0.1:42257'"
 */
export function formatEnvExports(
  endpoints: Pick<DevEndpoints, 'lambda' | 'dynamodb' | 'sqs' | 'region'>,
): string {
  const variables: Record<string, string> = {
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_CLOUDWATCH: endpoints.lambda,
    AWS_REGION: endpoints.region,
    AWS_DEFAULT_REGION: endpoints.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  // A profile or session token left in the shell would win over (or spoil) these keys.
  const exports = Object.entries(variables).map(
    ([name, value]) => `export ${name}=${shellQuote(value)}`,
  );
  return ['unset AWS_PROFILE AWS_SESSION_TOKEN', ...exports].join('\n');
}

/** Single quotes, so a value reaches the shell as written whatever it holds. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
