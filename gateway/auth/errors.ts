/**
 * Errors of authentication and authorization at the gateway. Each carries the code the
 * client sees (`error.code` on REST, `extensions.code` on GraphQL), the HTTP status and
 * the `WWW-Authenticate` challenge (RFC 6750) that tells the client what to send.
 */
import { GatewayError } from '../errors.ts';

/** A refusal the gateway answers itself, before any module runs. */
export class AccessError extends GatewayError {
  override name = 'AccessError';
  /** The `WWW-Authenticate` header's value. */
  readonly challenge: string;

  constructor(
    code: string,
    statusCode: 401 | 403 | 503,
    message: string,
    challenge: string,
    options: { cause?: unknown } = {},
  ) {
    super(code, statusCode, message, options);
    this.challenge = challenge;
  }
}

/** A bearer token was sent but is not one this gateway accepts: 401, whatever the route. */
export class InvalidTokenError extends AccessError {
  override name = 'InvalidTokenError';
  constructor(reason: string, options: { cause?: unknown } = {}) {
    super(
      'INVALID_TOKEN',
      401,
      `The bearer token was refused: ${reason}. Send a valid token from this environment's issuer, or none to call as an anonymous caller.`,
      challenge('invalid_token', reason),
      options,
    );
  }
}

/** What was asked requires a verified caller and the request carried no token: 401. */
export class UnauthenticatedError extends AccessError {
  override name = 'UnauthenticatedError';
  constructor(what: string) {
    super(
      'UNAUTHENTICATED',
      401,
      `${what} requires a signed-in caller: send "authorization: Bearer <token>".`,
      'Bearer realm="turnout"',
    );
  }
}

/** The caller is verified but holds none of the scope sets asked for: 403. */
export class ForbiddenError extends AccessError {
  override name = 'ForbiddenError';
  constructor(what: string, required: string, scopes: readonly string[]) {
    super(
      'FORBIDDEN',
      403,
      `${what} requires ${required}; the token grants ${scopes.length ? scopes.join(' ') : 'no scopes'}. Ask the issuer for a token with the scope.`,
      challenge('insufficient_scope', `requires ${required}`),
    );
  }
}

/** The issuer's keys could not be fetched: the gateway's trouble, not the client's (503). */
export class KeysUnavailableError extends AccessError {
  override name = 'KeysUnavailableError';
  constructor(cause: unknown) {
    super(
      'AUTH_UNAVAILABLE',
      503,
      "The gateway could not fetch its issuer's signing keys to verify the token; try again shortly.",
      'Bearer realm="turnout"',
      { cause },
    );
  }
}

/** RFC 6750's challenge; quotes and backslashes may not appear in its quoted strings. */
function challenge(error: string, description: string): string {
  const safe = description.replace(/["\\]/g, "'");
  return `Bearer realm="turnout", error="${error}", error_description="${safe}"`;
}
