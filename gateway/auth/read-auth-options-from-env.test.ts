import { describe, expect, it } from 'vitest';
import { GatewayConfigError } from '../errors.ts';
import { readAuthOptionsFromEnv } from './read-auth-options-from-env.ts';

describe('readAuthOptionsFromEnv', () => {
  it('serves every request as anonymous when nothing is set', () => {
    expect(readAuthOptionsFromEnv({})).toBeUndefined();
  });

  it('reads the issuer, audiences and key set URL', () => {
    expect(
      readAuthOptionsFromEnv({
        TURNOUT_AUTH_ISSUER: 'https://issuer.example.com/',
        TURNOUT_AUTH_AUDIENCE: 'relay-app, imdb-app',
        TURNOUT_AUTH_JWKS_URL: 'https://issuer.example.com/.well-known/jwks.json',
        TURNOUT_AUTH_CLOCK_TOLERANCE_SECONDS: '30',
      }),
    ).toEqual({
      issuer: 'https://issuer.example.com/',
      audience: ['relay-app', 'imdb-app'],
      jwksUrl: 'https://issuer.example.com/.well-known/jwks.json',
      clockToleranceSeconds: 30,
    });
  });

  it('refuses to start half configured, naming what is missing', () => {
    const read = () =>
      readAuthOptionsFromEnv({ TURNOUT_AUTH_ISSUER: 'https://issuer.example.com/' });
    expect(read).toThrow(GatewayConfigError);
    expect(read).toThrow('set TURNOUT_AUTH_AUDIENCE and TURNOUT_AUTH_JWKS_URL too');
  });
});
