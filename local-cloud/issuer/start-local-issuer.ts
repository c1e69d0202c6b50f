import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { foreignHostMessage, isLoopbackHost } from '../is-loopback-host.ts';

/** What a token of the local issuer says about its caller. */
export interface LocalTokenClaims {
  sub: string;
  /** Space-delimited scopes, e.g. `gatepass:write messages:read`. */
  scope?: string;
  /** Any further claims. */
  [claim: string]: unknown;
}

export interface LocalTokenOptions {
  /** @default 3600 */
  expiresInSeconds?: number;
  /** Tests forge tokens another environment would issue. @default the issuer's */
  audience?: string;
  /** @default the issuer's */
  issuer?: string;
}

export interface LocalIssuer {
  /** `http://127.0.0.1:<port>`: the `iss` of its tokens. */
  issuer: string;
  /** The `aud` of its tokens: `turnout-local`. */
  audience: string;
  /** Its public keys (JWKS), which the gateway verifies tokens against. */
  jwksUrl: string;
  /** `POST { sub, scope, expiresInSeconds }` answers `{ access_token, token_type, expires_in }`. */
  tokenUrl: string;
  /** Signs a token in process (what `POST /token` does). */
  sign(claims: LocalTokenClaims, options?: LocalTokenOptions): Promise<string>;
  /**
   * Signs later tokens with a new key (a new `kid`), published beside the old one, as
   * an issuer rotates keys: a gateway that cached the old key set must fetch it again.
   */
  rotateKey(): Promise<void>;
  stop(): Promise<void>;
}

export const LOCAL_AUDIENCE = 'turnout-local';
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * The token issuer of `turnout dev`: a key pair made at start (ES256), its public keys
 * at `/.well-known/jwks.json`, and a `POST /token` that signs a token for any subject and
 * scopes, so a developer can call everything the way a signed-in client would
 * (`turnout token`). It listens on 127.0.0.1 only and answers only a loopback Host (403
 * otherwise, against DNS rebinding): anyone on the machine can mint tokens, which is the
 * point on a developer's machine and why it never ships.
 *
 * @example
 * const issuer = await startLocalIssuer();
 * const token = await issuer.sign({ sub: 'driver-D1', scope: 'gatepass:write' });
 */
export async function startLocalIssuer(options: { port?: number } = {}): Promise<LocalIssuer> {
  const keys: SigningKey[] = [await newSigningKey()];
  const server = createServer((req, res) => {
    answer(req, res).catch((error) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const sign = (claims: LocalTokenClaims, tokenOptions: LocalTokenOptions = {}) => {
    const key = keys[keys.length - 1] as SigningKey;
    const { sub, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(tokenOptions.issuer ?? issuer)
      .setAudience(tokenOptions.audience ?? LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + (tokenOptions.expiresInSeconds ?? 3600))
      .sign(key.privateKey);
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A web page must not mint tokens through DNS rebinding: loopback Host names only.
    if (!isLoopbackHost(req.headers.host)) {
      send(res, 403, { error: foreignHostMessage(req.headers.host) });
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/.well-known/jwks.json') {
      send(res, 200, { keys: keys.map((k) => k.publicJwk) });
    } else if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      send(res, 200, { issuer, jwks_uri: `${issuer}/.well-known/jwks.json` });
    } else if (req.method === 'POST' && path === '/token') {
      const request = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
      const problem = tokenRequestProblem(request);
      if (problem)
        return send(res, 400, { error: { code: 'INVALID_TOKEN_REQUEST', message: problem } });
      const { expiresInSeconds = 3600, ...claims } = request;
      const expiresIn = Number(expiresInSeconds);
      const token = await sign(claims as LocalTokenClaims, { expiresInSeconds: expiresIn });
      send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
    } else {
      send(res, 404, { error: { code: 'NOT_FOUND', message: `No ${req.method} ${path}` } });
    }
  }

  return {
    issuer,
    audience: LOCAL_AUDIENCE,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    tokenUrl: `${issuer}/token`,
    sign,
    rotateKey: async () => {
      keys.push(await newSigningKey());
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

function tokenRequestProblem(request: Record<string, unknown>): string | undefined {
  if (typeof request.sub !== 'string' || request.sub === '')
    return 'give the subject: { "sub": "driver-D1" }';
  if (request.scope !== undefined && typeof request.scope !== 'string')
    return 'give scopes space-delimited in one string: { "scope": "gatepass:write messages:read" }';
  const expiry = request.expiresInSeconds ?? 3600;
  if (
    !Number.isInteger(expiry) ||
    (expiry as number) < 1 ||
    (expiry as number) > MAX_EXPIRY_SECONDS
  )
    return `expiresInSeconds is a whole number from 1 to ${MAX_EXPIRY_SECONDS}`;
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
