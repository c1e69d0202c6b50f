import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatEnvExports } from './env.ts';

const endpoints = {
  region: 'us-east-1',
  lambda: 'http://127.0.0.1:42257',
  dynamodb: 'http://127.0.0.1:43861',
  sqs: "http://127.0.0.1:39151/it's",
};

/** What a POSIX shell holds after `eval` of the lines. */
function evaluated(lines: string): Record<string, string> {
  const out = execFileSync('sh', ['-c', `${lines}\nenv`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, AWS_PROFILE: 'prod', AWS_SESSION_TOKEN: 'real' },
  });
  return Object.fromEntries(
    out
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('turnout env', () => {
  it('points every service the local cloud serves at its endpoint, with a region and placeholder keys', () => {
    const env = evaluated(formatEnvExports(endpoints));
    expect(env.AWS_ENDPOINT_URL_LAMBDA).toBe(endpoints.lambda);
    expect(env.AWS_ENDPOINT_URL_DYNAMODB).toBe(endpoints.dynamodb);
    expect(env.AWS_ENDPOINT_URL_SQS).toBe(endpoints.sqs);
    expect(env.AWS_REGION).toBe('us-east-1');
    expect(env.AWS_DEFAULT_REGION).toBe('us-east-1');
    expect(env.AWS_ACCESS_KEY_ID).toBe('local');
    expect(env.AWS_SECRET_ACCESS_KEY).toBe('local');
  });

  it('clears a profile and session token that would otherwise win over the placeholder keys', () => {
    const env = evaluated(formatEnvExports(endpoints));
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_SESSION_TOKEN).toBeUndefined();
  });
});
