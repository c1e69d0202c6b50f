/**
 * How the gateway verifies bearer tokens (JWTs) in one environment. Without it every
 * request is anonymous, and a request that carries a token is refused (401): the gateway
 * cannot tell a good one from a forged one.
 */
export interface AuthOptions {
  /** The `iss` a token must carry; a list accepts any of them. */
  issuer: string | string[];
  /** The `aud` a token must carry (one of them). */
  audience: string | string[];
  /**
   * Where the issuer publishes its public keys (a JWKS URL, e.g.
   * `https://issuer.example.com/.well-known/jwks.json`): fetched at the first token,
   * kept `jwksCacheMaxAgeMs`, and fetched again when a token names a key id it does not
   * hold (a rotated key), at most once per `jwksCooldownMs`.
   */
  jwksUrl?: string;
  /** The keys themselves, instead of `jwksUrl` (tests, a fixed key). */
  jwks?: { keys: Record<string, unknown>[] };
  /** How far `exp` and `nbf` may be off, for clocks that drift. @default 60 */
  clockToleranceSeconds?: number;
  /**
   * The signature algorithms accepted. `none` and the HMAC ones never are: a key set
   * holds public keys. @default RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA
   */
  algorithms?: string[];
  /** Verified tokens kept (by signature) until they expire. @default 10_000 */
  cacheSize?: number;
  /** @default 30_000 */
  jwksCooldownMs?: number;
  /** @default 600_000 */
  jwksCacheMaxAgeMs?: number;
  /** How long one key set fetch may take. @default 5_000 */
  jwksTimeoutMs?: number;
}

export const DEFAULT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
