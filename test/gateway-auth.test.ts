/**
 * Authentication and authorization at the gateway, over real HTTP against the local
 * cloud: tokens of the local issuer verified against its JWKS, the modules' rules
 * (REST access rules, GraphQL @authenticated / @requiresScopes) enforced before any
 * invoke, and what a module is told of its caller (contract 6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLambdaInvoker,
  type GatewayServer,
  type LambdaInvoker,
  startGatewayServer,
} from '../gateway/index.ts';
import { LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import {
  createRegistryTable,
  deployFunction,
  graphletSource,
  invokesByFunction,
  type Json,
  postGraphQL,
  removeTestModules,
  route,
  subgraph,
  writeGeneration,
} from './gateway-test-kit.ts';

/** A REST module that answers with the event it was sent. */
const ECHO = `export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ event }),
});`;

const DEPOT_SDL = `
type Caller { sub: String scopes: [String] idempotencyKey: String }
type Query {
  hello: String
  whoami: Caller @authenticated
  secret: String @requiresScopes(scopes: [["depot:secret"], ["admin"]])
}
type Mutation { note(text: String!): Caller @authenticated }`;

/** Resolvers that answer what the module was told of its caller. */
const DEPOT_ROOTS = `{
  hello: () => 'hello',
  whoami: (_args, context) => ({ sub: context.identity?.sub, scopes: context.identity?.scopes, idempotencyKey: context.idempotencyKey }),
  secret: () => 'the depot code',
  note: (_args, context) => ({ sub: context.identity?.sub, idempotencyKey: context.idempotencyKey }),
}`;

let cloud: LocalCloud;
let lambda: LambdaInvoker;
let server: GatewayServer;

beforeAll(async () => {
  cloud = await startLocalCloud();
  await createRegistryTable(cloud);
  await Promise.all([
    deployFunction(cloud, 'turnout-echo', ECHO),
    deployFunction(cloud, 'turnout-depot', graphletSource(DEPOT_SDL, DEPOT_ROOTS)),
  ]);
  await writeGeneration(cloud, 1, {
    subgraphs: [subgraph('depot', DEPOT_SDL)],
    routes: [
      route('/open', 'echo'),
      route('/yard', 'echo', {
        access: [
          { path: '/yard', authenticated: true },
          { path: '/yard/admin', scopes: [['yard:admin']] },
        ],
      }),
    ],
  });
  lambda = createLambdaInvoker({
    region: cloud.region,
    endpoint: cloud.endpoints.lambda,
    credentials: LOCAL_CREDENTIALS,
  });
  server = await startGatewayServer({
    port: 0,
    registry: { documents: cloud.clients.documents, tableName: 'turnout-registry' },
    invoke: lambda.invoke,
    auth: {
      issuer: cloud.issuer.issuer,
      audience: cloud.issuer.audience,
      jwksUrl: cloud.issuer.jwksUrl,
      // The rotated key below is fetched at once; a deployed gateway waits 30 s between fetches.
      jwksCooldownMs: 0,
    },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await lambda?.close();
  await cloud?.stop();
  await removeTestModules();
});

const token = (sub: string, scope?: string, options = {}) =>
  cloud.issuer.sign({ sub, ...(scope ? { scope } : {}) }, options);

const bearer = async (sub: string, scope?: string) => ({
  authorization: `Bearer ${await token(sub, scope)}`,
});

async function getJson(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Json,
  };
}

const invokesOf = (functionName: string) =>
  invokesByFunction(server.gateway.health.query({ since: 0 }))[functionName] ?? 0;

describe('a REST module behind the gateway', () => {
  it('gets an anonymous request without an authorizer', async () => {
    const { status, body } = await getJson('/open/thing');
    expect(status).toBe(200);
    expect(body.event.requestContext.authorizer).toBeUndefined();
  });

  it('sees the verified claims and scopes in requestContext.authorizer.jwt, never the token', async () => {
    const { status, body } = await getJson(
      '/open/thing',
      await bearer('driver-D1', 'gatepass:write messages:read'),
    );
    expect(status).toBe(200);
    expect(body.event.requestContext.authorizer.jwt).toMatchObject({
      claims: {
        sub: 'driver-D1',
        scope: 'gatepass:write messages:read',
        iss: cloud.issuer.issuer,
        aud: cloud.issuer.audience,
        exp: expect.stringMatching(/^\d+$/),
      },
      scopes: ['gatepass:write', 'messages:read'],
    });
    expect(body.event.headers.authorization).toBeUndefined();
  });

  it('never passes on a client’s headers that claim an identity or an origin', async () => {
    const { headers, body } = await getJson('/open/thing', {
      'x-forwarded-for': '10.9.9.9',
      forwarded: 'for=10.9.9.9',
      'x-real-ip': '10.9.9.9',
      'x-amzn-oidc-identity': 'admin',
      'x-amzn-trace-id': 'Root=1-00000000-spoofed',
      'x-request-id': 'chosen-by-the-client',
      'x-custom': 'kept',
    });
    const sent = body.event.headers;
    expect(sent['x-forwarded-for']).toBe('127.0.0.1');
    expect(sent.forwarded).toBeUndefined();
    expect(sent['x-real-ip']).toBeUndefined();
    expect(Object.keys(sent).filter((name) => name.startsWith('x-amzn-'))).toEqual([]);
    expect(sent['x-request-id']).toBe(headers.get('x-request-id'));
    expect(sent['x-request-id']).not.toBe('chosen-by-the-client');
    expect(sent['x-custom']).toBe('kept');
  });

  it('refuses an anonymous caller where a rule requires one, with 401 and no invoke', async () => {
    const before = invokesOf('turnout-echo');
    const { status, headers, body } = await getJson('/yard/dock');
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toContain('Bearer');
    expect(body.error.code).toBe('UNAUTHENTICATED');
    expect(invokesOf('turnout-echo')).toBe(before);
  });

  it('refuses a caller without the rule’s scope with 403, and admits one with it', async () => {
    const refused = await getJson('/yard/admin', await bearer('driver-D1', 'yard:read'));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.body.error.message).toContain('yard:admin');
    expect(refused.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect((await getJson('/yard/admin', await bearer('boss', 'yard:admin'))).status).toBe(200);
    expect((await getJson('/yard/dock', await bearer('driver-D1'))).status).toBe(200);
  });
});

describe('tokens the gateway refuses, with 401 and a WWW-Authenticate challenge', () => {
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  const cases: [string, () => Promise<string>, string][] = [
    [
      'an expired token',
      () => token('driver-D1', undefined, { expiresInSeconds: -300 }),
      'expired',
    ],
    [
      'a token for another audience',
      () => token('driver-D1', undefined, { audience: 'other-api' }),
      'audience',
    ],
    [
      'a token of another issuer',
      () => token('driver-D1', undefined, { issuer: 'https://evil.example.com' }),
      'issuer',
    ],
    [
      'a token whose payload was changed after signing',
      async () => {
        const [header, , signature] = (await token('driver-D1', 'messages:read')).split('.');
        const claims = {
          sub: 'driver-D1',
          scope: 'dispatch',
          iss: cloud.issuer.issuer,
          aud: cloud.issuer.audience,
          exp: 4_102_444_800,
        };
        return `${header}.${base64url(claims)}.${signature}`;
      },
      'signature',
    ],
    [
      'an unsigned token (alg: none)',
      async () => {
        const claims = {
          sub: 'driver-D1',
          scope: 'dispatch',
          iss: cloud.issuer.issuer,
          aud: cloud.issuer.audience,
          exp: 4_102_444_800,
        };
        return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      },
      'algorithm',
    ],
    ['something that is not a JWT', async () => 'not-a-token', 'well-formed'],
  ];

  it.each(cases)('refuses %s on a REST path, even an open one', async (_, make, reason) => {
    const before = invokesOf('turnout-echo');
    const { status, headers, body } = await getJson('/open/thing', {
      authorization: `Bearer ${await make()}`,
    });
    expect(status).toBe(401);
    expect(body.error.code).toBe('INVALID_TOKEN');
    expect(body.error.message).toContain(reason);
    expect(headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(invokesOf('turnout-echo')).toBe(before);
  });

  it.each(cases)('refuses %s on GraphQL with UNAUTHENTICATED', async (_, make) => {
    const { status, body } = await postGraphQL(
      server.url,
      { query: '{ hello }' },
      {
        authorization: `Bearer ${await make()}`,
      },
    );
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' });
  });

  it('refuses an authorization header that is not a bearer token', async () => {
    const { status } = await getJson('/open/thing', { authorization: 'Basic ZHJpdmVyOnB3' });
    expect(status).toBe(401);
  });

  it('accepts a token signed with a rotated key, fetching the issuer’s keys again', async () => {
    expect((await getJson('/open/thing', await bearer('driver-D1'))).status).toBe(200);
    await cloud.issuer.rotateKey();
    const { status, body } = await getJson('/open/thing', await bearer('driver-D9'));
    expect(status).toBe(200);
    expect(body.event.requestContext.authorizer.jwt.claims.sub).toBe('driver-D9');
  });
});

describe('GraphQL fields that require a caller', () => {
  it('serves open fields to anyone', async () => {
    const { status, body } = await postGraphQL(server.url, { query: '{ hello }' });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { hello: 'hello' } });
  });

  it('refuses an anonymous operation that selects an @authenticated field, invoking nothing', async () => {
    const before = invokesOf('turnout-depot');
    const { status, headers, body } = await postGraphQL(server.url, {
      query: '{ hello whoami { sub } }',
    });
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toContain('Bearer');
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: expect.stringContaining('The field Query.whoami requires a signed-in caller'),
        extensions: { code: 'UNAUTHENTICATED', coordinate: 'Query.whoami' },
      },
    ]);
    expect(invokesOf('turnout-depot')).toBe(before);
  });

  it('tells the module who the verified caller is in context.identity', async () => {
    const { body } = await postGraphQL(
      server.url,
      { query: '{ whoami { sub scopes } }' },
      await bearer('ur1234567', 'ratings:write'),
    );
    expect(body).toEqual({ data: { whoami: { sub: 'ur1234567', scopes: ['ratings:write'] } } });
  });

  it('refuses a caller without the scopes with FORBIDDEN naming them, and serves one with them', async () => {
    const refused = await postGraphQL(
      server.url,
      { query: '{ secret }' },
      await bearer('driver-D1', 'depot:read'),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions).toEqual({
      code: 'FORBIDDEN',
      coordinate: 'Query.secret',
    });
    expect(refused.body.errors[0].message).toContain('the scope depot:secret or the scope admin');
    const served = await postGraphQL(
      server.url,
      { query: '{ secret }' },
      await bearer('boss', 'admin'),
    );
    expect(served.body).toEqual({ data: { secret: 'the depot code' } });
  });

  it('passes a mutation’s Idempotency-Key to the module, and no query’s', async () => {
    const headers = { ...(await bearer('driver-D1')), 'idempotency-key': 'note-1' };
    const mutation = await postGraphQL(
      server.url,
      { query: 'mutation { note(text: "x") { sub idempotencyKey } }' },
      headers,
    );
    expect(mutation.body).toEqual({
      data: { note: { sub: 'driver-D1', idempotencyKey: 'note-1' } },
    });
    const query = await postGraphQL(
      server.url,
      { query: '{ whoami { idempotencyKey } }' },
      headers,
    );
    expect(query.body).toEqual({ data: { whoami: { idempotencyKey: null } } });
  });

  it('refuses an Idempotency-Key that is not a short printable token', async () => {
    const { status, body } = await postGraphQL(
      server.url,
      { query: 'mutation { note(text: "x") { sub } }' },
      {
        ...(await bearer('driver-D1')),
        'idempotency-key': 'has spaces in it',
      },
    );
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });

  it('never answers one caller with an invoke made for another', async () => {
    const callers = ['driver-D1', 'driver-D2', 'driver-D3', 'driver-D4'];
    const answers = await Promise.all(
      callers.map(async (sub) =>
        postGraphQL(server.url, { query: '{ whoami { sub } }' }, await bearer(sub)),
      ),
    );
    expect(answers.map((a) => a.body.data.whoami.sub)).toEqual(callers);
  });
});
