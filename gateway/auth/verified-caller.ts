import { type Identity, identityOf } from '../../contracts/identity.ts';
import { type JwtAuthorizer, jwtAuthorizerOf } from '../../contracts/rest-invoke-event.ts';

/**
 * A caller whose token the gateway verified, with everything the modules are told about
 * it worked out once per token (the verifier caches it until the token expires), so a
 * request with a known token costs a map lookup, not a serialization.
 */
export interface VerifiedCaller {
  identity: Identity;
  /** `identity` as JSON: the graphlet invoke context's `identity` (contract 1). */
  identityJson: string;
  /** `requestContext.authorizer` of a REST module's event, as API Gateway's JWT authorizer sets it. */
  authorizer: JwtAuthorizer;
  /** Until when (epoch ms) the token is good, clock tolerance included. */
  expiresAtMs: number;
  /**
   * A short id of this verified token, unique in the process: what keeps invokes made
   * for different callers apart when identical invokes are shared (dedupeInvokes),
   * without hashing the whole identity per invoke.
   */
  dedupeKey: string;
}

let verifiedCount = 0;

/**
 * The caller a verified token's claims describe.
 *
 * @example
 * const caller = verifiedCaller(payload, 60);
 */
export function verifiedCaller(
  claims: Record<string, unknown>,
  clockToleranceSeconds: number,
): VerifiedCaller {
  const identity = identityOf(claims);
  return {
    identity,
    identityJson: JSON.stringify(identity),
    authorizer: jwtAuthorizerOf(claims, identity.scopes),
    expiresAtMs: (Number(claims.exp) + clockToleranceSeconds) * 1000,
    dedupeKey: `c${++verifiedCount}`,
  };
}
