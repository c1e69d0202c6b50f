import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { durationOption } from '../parse-options.ts';

export interface TokenOptions {
  sub: string;
  scope?: string;
  expiresIn: number;
  claim: Record<string, string>;
  root: string;
}

export function tokenCommand(): Command {
  return new Command('token')
    .description(
      'Print a bearer token signed by the running `turnout dev` issuer, for any subject and scopes: ' +
        'curl -H "authorization: Bearer $(bin/turnout.js token --sub driver-D1 --scope gatepass:write)" ...',
    )
    .requiredOption('--sub <subject>', 'who the token speaks for, e.g. driver-D1 or ur1234567')
    .option('--scope <scopes>', 'space-separated scopes, e.g. "gatepass:write messages:read"')
    .addOption(
      durationOption('--expires-in <duration>', 'how long it is good for (at most 24h)', '1h'),
    )
    .option('--claim <name=value>', 'a further claim, repeatable', collectClaim, {})
    .option('--root <dir>', 'the project root', process.cwd())
    .action(async (options: TokenOptions) => {
      console.log(await requestToken(options));
    });
}

/**
 * Asks the dev issuer (its URL in `.turnout/endpoints.json`) to sign a token. The
 * issuer holds the key: nothing secret is written to disk.
 */
export async function requestToken(options: TokenOptions): Promise<string> {
  // The endpoints file alone: the dev folder's index loads the gateway and the local cloud.
  const { readEndpointsFile } = await import('../dev/endpoints-file.ts');
  const { NoDevIssuerError } = await import('../errors.ts');
  const file = join(options.root, '.turnout', 'endpoints.json');
  const endpoints = await readEndpointsFile(file);
  if (!endpoints?.token) throw new NoDevIssuerError(file);
  const response = await fetch(endpoints.token, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...options.claim,
      sub: options.sub,
      ...(options.scope ? { scope: options.scope } : {}),
      expiresInSeconds: Math.max(1, Math.round(options.expiresIn / 1000)),
    }),
  });
  const answer = (await response.json()) as {
    access_token?: string;
    error?: { message?: string };
  };
  if (!response.ok || !answer.access_token) {
    throw new Error(
      `The dev issuer refused the token: ${answer.error?.message ?? response.status}`,
    );
  }
  return answer.access_token;
}

function collectClaim(value: string, claims: Record<string, string>): Record<string, string> {
  const equals = value.indexOf('=');
  if (equals < 1) throw new InvalidArgumentError(`"${value}" is not a claim: write name=value.`);
  return { ...claims, [value.slice(0, equals)]: value.slice(equals + 1) };
}
