import type { JWTVerifyGetKey } from 'jose';
import { type Clock, systemClock } from '../types.ts';
import { type AuthOptions, DEFAULT_ALGORITHMS } from './auth-options.ts';
import { InvalidTokenError, KeysUnavailableError } from './errors.ts';
import { type VerifiedCaller, verifiedCaller } from './verified-caller.ts';

export interface TokenVerifier {
  /** The caller of a token verified before and not expired yet; undefined otherwise. */
  cached(token: string): VerifiedCaller | undefined;
  /**
   * Verifies a token (signature, issuer, audience, expiry) and keeps the caller until
   * the token expires. Rejects with InvalidTokenError, or KeysUnavailableError when the
   * issuer's keys cannot be fetched.
   */
  verify(token: string): Promise<VerifiedCaller>;
}

/**
 * Verifies JWT bearer tokens with `jose` against the issuer's key set, and remembers
 * each verified token by its signature until it expires: a client sends the same token
 * for many requests, and checking a signature costs far more than the rest of a request
 * (gateway/PERFORMANCE.md). A hit must be the same token, not only the same signature,
 * so a forged payload cannot borrow a verified token's signature. `jose` is loaded at
 * the first token, so a gateway that sees none never evaluates it.
 *
 * @example
 * const verifier = createTokenVerifier({ issuer, audience, jwksUrl });
 * const caller = verifier.cached(token) ?? (await verifier.verify(token));
 */
export function createTokenVerifier(
  options: AuthOptions,
  clock: Clock = systemClock,
): TokenVerifier {
  const cache = createVerifiedTokens(options.cacheSize ?? 10_000);
  const tolerance = options.clockToleranceSeconds ?? 60;
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const keySet = () => {
    keys ??= loadKeySet(options);
    return keys;
  };
  const cached = (token: string) => {
    const hit = cache.get(signatureOf(token));
    if (hit === undefined || hit.token !== token) return undefined;
    return clock.now() < hit.caller.expiresAtMs ? hit.caller : undefined;
  };
  const verify = async (token: string) => {
    const { jwtVerify } = await import('jose');
    const getKey = await keySet();
    let claims: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: tolerance,
        algorithms: options.algorithms ?? DEFAULT_ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(clock.now()),
      });
      claims = verified.payload as Record<string, unknown>;
    } catch (error) {
      throw refusal(error);
    }
    const caller = verifiedCaller(claims, tolerance);
    cache.set(signatureOf(token), { token, caller });
    return caller;
  };
  return { cached, verify };
}

interface VerifiedTokens {
  get(signature: string): { token: string; caller: VerifiedCaller } | undefined;
  set(signature: string, entry: { token: string; caller: VerifiedCaller }): void;
}

/**
 * Verified tokens by signature, the oldest forgotten first once `max` are kept. Not an
 * LRU: a hit reads without reordering (no map writes on the hot path), and a token
 * pushed out is only verified again, once.
 */
function createVerifiedTokens(max: number): VerifiedTokens {
  const entries = new Map<string, { token: string; caller: VerifiedCaller }>();
  return {
    get: (signature) => entries.get(signature),
    set(signature, entry) {
      entries.set(signature, entry);
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
  };
}

function signatureOf(token: string): string {
  return token.slice(token.lastIndexOf('.') + 1);
}

async function loadKeySet(options: AuthOptions): Promise<JWTVerifyGetKey> {
  const { createLocalJWKSet, createRemoteJWKSet } = await import('jose');
  if (options.jwks)
    return createLocalJWKSet(options.jwks as Parameters<typeof createLocalJWKSet>[0]);
  if (!options.jwksUrl) throw new Error('AuthOptions needs jwksUrl or jwks');
  return createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.jwksTimeoutMs ?? 5_000,
  });
}

/** Why `jose` refused the token, in words the client can act on. */
function refusal(error: unknown): InvalidTokenError | KeysUnavailableError {
  const code = (error as { code?: unknown }).code;
  const claim = (error as { claim?: unknown }).claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return new InvalidTokenError('it has expired', { cause: error });
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return new InvalidTokenError(claimProblem(String(claim), error), { cause: error });
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new InvalidTokenError('its signature does not verify', { cause: error });
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return new InvalidTokenError("it names no key of the issuer's key set", { cause: error });
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new InvalidTokenError('its signature algorithm is not accepted', { cause: error });
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return new InvalidTokenError('it is not a well-formed signed JWT', { cause: error });
    default:
      // A timeout, a network error, a key set that is not JSON: the issuer's side.
      return new KeysUnavailableError(error);
  }
}

function claimProblem(claim: string, error: unknown): string {
  if (claim === 'iss') return 'its issuer (iss) is not the one this gateway trusts';
  if (claim === 'aud') return 'its audience (aud) is not this gateway';
  if (claim === 'nbf') return 'it is not valid yet (nbf)';
  return `its ${claim} claim is refused (${error instanceof Error ? error.message : String(error)})`;
}
