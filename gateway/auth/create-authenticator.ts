import { GatewayConfigError } from '../errors.ts';
import type { Clock, GatewayRequest } from '../types.ts';
import type { AuthOptions } from './auth-options.ts';
import { createTokenVerifier } from './create-token-verifier.ts';
import { InvalidTokenError } from './errors.ts';
import type { VerifiedCaller } from './verified-caller.ts';

/**
 * Who is calling: a verified caller, or undefined for an anonymous request (no
 * `authorization` header). A header that is there but not a valid bearer token throws
 * InvalidTokenError (401), wherever the request goes: a client that sent credentials
 * must learn they failed rather than be served as anonymous. A token seen before comes
 * back synchronously from the verifier's cache.
 */
export type Authenticator = (
  request: GatewayRequest,
) => VerifiedCaller | undefined | Promise<VerifiedCaller | undefined>;

/**
 * The gateway's authenticator for its options; without options every token is refused,
 * since nothing could tell a good one from a forged one.
 *
 * @example
 * const authenticate = createAuthenticator({ issuer, audience, jwksUrl }, clock);
 * const caller = await authenticate(request);
 */
export function createAuthenticator(options: AuthOptions | undefined, clock: Clock): Authenticator {
  if (!options) return refuseAnyToken;
  if (!options.jwksUrl && !options.jwks) {
    throw new GatewayConfigError(
      "auth needs the issuer's keys: set auth.jwksUrl (TURNOUT_AUTH_JWKS_URL) to its JWKS URL, or auth.jwks.",
    );
  }
  const verifier = createTokenVerifier(options, clock);
  return (request) => {
    const header = request.headers.authorization;
    if (header === undefined) return undefined;
    const token = bearerToken(header);
    return verifier.cached(token) ?? verifier.verify(token);
  };
}

function refuseAnyToken(request: GatewayRequest): undefined {
  if (request.headers.authorization === undefined) return undefined;
  throw new InvalidTokenError(
    'this gateway verifies no tokens (no issuer is configured: set TURNOUT_AUTH_ISSUER, TURNOUT_AUTH_AUDIENCE and TURNOUT_AUTH_JWKS_URL)',
  );
}

/** The token of `Bearer <token>` (the scheme in any case, RFC 6750). */
function bearerToken(header: string): string {
  // The common spelling without allocating; any other case of the scheme below.
  if (header.startsWith('Bearer ') && header.length > 7 && header.charCodeAt(7) !== 32) {
    return header.slice(7);
  }
  const space = header.indexOf(' ');
  const scheme = space === -1 ? header : header.slice(0, space);
  const token = space === -1 ? '' : header.slice(space + 1).trim();
  if (scheme.toLowerCase() !== 'bearer' || token === '') {
    throw new InvalidTokenError('the authorization header is not "Bearer <token>"');
  }
  return token;
}
