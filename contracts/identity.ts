/**
 * The caller's identity as the gateway verified it (docs/ARCHITECTURE.md, contract 8):
 * what a module may trust about who is asking, because only the gateway writes it.
 */
export interface Identity {
  /** The token's subject, e.g. `driver-D1` or `ur1234567`. */
  sub: string;
  /** The token's scopes, from its `scope` claim (space-delimited) or `scp` claim. */
  scopes: string[];
  /** Every claim of the verified token, as the issuer wrote it. */
  claims: Record<string, unknown>;
}

/**
 * The identity a set of verified claims describes: the subject and the scopes, read from
 * `scope` (RFC 8693: one space-delimited string) or `scp` (a list, or a string, as some
 * issuers write it).
 *
 * @example
 * identityOf({ sub: 'driver-D1', scope: 'gatepass:write messages:read' }).scopes
 * // ['gatepass:write', 'messages:read']
 */
export function identityOf(claims: Record<string, unknown>): Identity {
  return { sub: String(claims.sub ?? ''), scopes: scopesOf(claims), claims };
}

function scopesOf(claims: Record<string, unknown>): string[] {
  const granted = claims.scope ?? claims.scp;
  if (Array.isArray(granted)) return granted.filter((s): s is string => typeof s === 'string');
  if (typeof granted !== 'string') return [];
  return granted.split(' ').filter(Boolean);
}
