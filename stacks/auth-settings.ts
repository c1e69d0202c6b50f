import type * as pulumi from '@pulumi/pulumi';

/**
 * Who issues the bearer tokens clients send, as the gateway verifies them
 * (gateway/auth/read-auth-options-from-env.ts) and module APIs' JWT authorizers check them.
 */
export interface AuthSettings {
  /**
   * The accepted `iss` values. The gateway takes several; an API Gateway JWT authorizer
   * takes one, so a REST module needs exactly one.
   * @example ['https://auth.example.com/']
   */
  issuers: string[];
  /**
   * The accepted `aud` values.
   * @example ['turnout-api']
   */
  audiences: string[];
  /**
   * Where the gateway fetches the issuer's signing keys. API Gateway finds them itself,
   * through the issuer's `/.well-known/openid-configuration`.
   * @example 'https://auth.example.com/.well-known/jwks.json'
   */
  jwksUrl: string;
}

/** The gateway function's token settings, with the names its Lambda reads (lists comma-separated). */
export function authEnvironment(auth: AuthSettings | undefined): Record<string, string> {
  if (!auth) return {};
  return {
    TURNOUT_AUTH_ISSUER: auth.issuers.join(','),
    TURNOUT_AUTH_AUDIENCE: auth.audiences.join(','),
    TURNOUT_AUTH_JWKS_URL: auth.jwksUrl,
  };
}

/** The gateway function's health token variable, when there is a token. */
export function healthTokenEnvironment(
  token: pulumi.Input<string> | undefined,
): Record<string, pulumi.Input<string>> {
  return token === undefined ? {} : { TURNOUT_HEALTH_TOKEN: token };
}
