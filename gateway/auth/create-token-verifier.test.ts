import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalIssuer, startLocalIssuer } from '../../local-cloud/issuer/index.ts';
import { createTokenVerifier, type TokenVerifier } from './create-token-verifier.ts';
import { InvalidTokenError, KeysUnavailableError } from './errors.ts';

let issuer: LocalIssuer;
let verifier: TokenVerifier;

beforeAll(async () => {
  issuer = await startLocalIssuer();
  verifier = createTokenVerifier({
    issuer: issuer.issuer,
    audience: issuer.audience,
    jwksUrl: issuer.jwksUrl,
    // A rotated key is fetched at once in these tests; the default waits 30 s between fetches.
    jwksCooldownMs: 0,
  });
});

afterAll(() => issuer?.stop());

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function refusal(token: string): Promise<Error> {
  return verifier.verify(token).then(
    () => {
      throw new Error('the token was accepted');
    },
    (error: Error) => error,
  );
}

describe('createTokenVerifier', () => {
  it('verifies a token of the issuer and reads its subject, scopes and claims', async () => {
    const token = await issuer.sign({ sub: 'driver-D1', scope: 'gatepass:write messages:read' });
    const caller = await verifier.verify(token);
    expect(caller.identity).toMatchObject({
      sub: 'driver-D1',
      scopes: ['gatepass:write', 'messages:read'],
      claims: { sub: 'driver-D1', iss: issuer.issuer, aud: issuer.audience },
    });
    expect(JSON.parse(caller.identityJson)).toEqual(caller.identity);
    expect(caller.authorizer.jwt).toMatchObject({
      claims: { sub: 'driver-D1', scope: 'gatepass:write messages:read' },
      scopes: ['gatepass:write', 'messages:read'],
    });
    expect(typeof caller.authorizer.jwt.claims.exp).toBe('string');
  });

  it('keeps a verified token by its signature, so the next request with it verifies nothing', async () => {
    const token = await issuer.sign({ sub: 'driver-D2' });
    expect(verifier.cached(token)).toBeUndefined();
    const caller = await verifier.verify(token);
    expect(verifier.cached(token)).toBe(caller);
  });

  it('never lends a cached signature to another payload', async () => {
    const token = await issuer.sign({ sub: 'driver-D3', scope: 'messages:read' });
    await verifier.verify(token);
    const [header, , signature] = token.split('.');
    const payload = {
      ...JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()),
      scope: 'dispatch',
    };
    const forged = `${header}.${base64url(payload)}.${signature}`;
    expect(verifier.cached(forged)).toBeUndefined();
    expect((await refusal(forged)).message).toContain('signature does not verify');
  });

  it('refuses an expired token', async () => {
    // Past the 60 s the verifier tolerates for drifting clocks.
    const token = await issuer.sign({ sub: 'driver-D1' }, { expiresInSeconds: -120 });
    const error = await refusal(token);
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error.message).toContain('expired');
  });

  it('forgets a cached token once it expires', async () => {
    let now = Date.now();
    const clocked = createTokenVerifier(
      { issuer: issuer.issuer, audience: issuer.audience, jwksUrl: issuer.jwksUrl },
      { now: () => now },
    );
    const token = await issuer.sign({ sub: 'driver-D1' }, { expiresInSeconds: 10 });
    await clocked.verify(token);
    expect(clocked.cached(token)).toBeDefined();
    now += 71_000;
    expect(clocked.cached(token)).toBeUndefined();
    await expect(clocked.verify(token)).rejects.toThrow('expired');
  });

  it('refuses a token for another audience', async () => {
    const token = await issuer.sign({ sub: 'driver-D1' }, { audience: 'another-api' });
    expect((await refusal(token)).message).toContain('audience');
  });

  it('refuses a token of another issuer', async () => {
    const token = await issuer.sign({ sub: 'driver-D1' }, { issuer: 'https://evil.example.com' });
    expect((await refusal(token)).message).toContain('issuer');
  });

  it('refuses a token whose signature is not the issuer’s', async () => {
    const other = await startLocalIssuer();
    try {
      const token = await other.sign({ sub: 'driver-D1' }, { issuer: issuer.issuer });
      const [, payload, signature] = token.split('.');
      // The issuer's own key id, so the verifier checks against the issuer's key.
      const kid = JSON.parse(
        Buffer.from(
          (await issuer.sign({ sub: 'x' })).split('.')[0] as string,
          'base64url',
        ).toString(),
      ).kid;
      const forged = `${base64url({ alg: 'ES256', kid, typ: 'JWT' })}.${payload}.${signature}`;
      expect((await refusal(forged)).message).toContain('signature does not verify');
    } finally {
      await other.stop();
    }
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: 'driver-D1',
      scope: 'dispatch',
      iss: issuer.issuer,
      aud: issuer.audience,
      exp: now + 600,
    };
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    const error = await refusal(token);
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error.message).toContain('algorithm is not accepted');
  });

  it('fetches the key set again when a token names a key it has not seen (a rotated key)', async () => {
    await verifier.verify(await issuer.sign({ sub: 'driver-D1' }));
    await issuer.rotateKey();
    const rotated = await issuer.sign({ sub: 'driver-D4' });
    expect((await verifier.verify(rotated)).identity.sub).toBe('driver-D4');
  });

  it('says the keys are unavailable, not that the token is bad, when the issuer cannot be reached', async () => {
    const unreachable = createTokenVerifier({
      issuer: issuer.issuer,
      audience: issuer.audience,
      jwksUrl: 'http://127.0.0.1:9/.well-known/jwks.json',
      jwksTimeoutMs: 2_000,
    });
    const error = await unreachable.verify(await issuer.sign({ sub: 'driver-D1' })).catch((e) => e);
    expect(error).toBeInstanceOf(KeysUnavailableError);
    expect(error.statusCode).toBe(503);
  });
});
