import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGateway,
  createLambdaHandler,
  createLambdaInvoker,
  type Gateway,
  type GatewayServer,
  type LambdaInvoker,
  startGatewayServer,
  toGenerationSource,
} from '../gateway/index.ts';
import { LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import {
  createRegistryTable,
  deployFunction,
  graphletSource,
  IMDB,
  type Json,
  removeTestModules,
  route,
  subgraph,
  writeGeneration,
} from './gateway-test-kit.ts';

/** A REST module that echoes what it got, and misbehaves on some paths. */
const ECHO = (tag: string) => `export const handler = async (event) => {
  const tail = event.rawPath.split('/').pop();
  if (tail === 'throw') throw new Error('echo exploded');
  if (tail === 'hang') return new Promise(() => {});
  if (tail === 'plain') return 'just a string';
  if (tail === 'object') return { tag: ${JSON.stringify(tag)}, plain: true };
  if (tail === 'garbage') return { statusCode: 'soon' };
  if (tail === 'binary') {
    return { statusCode: 200, headers: { 'content-type': 'application/octet-stream' },
      body: event.body, isBase64Encoded: true };
  }
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json', 'x-module': ${JSON.stringify(tag)} },
    multiValueHeaders: { 'x-many': ['one', 'two'] },
    cookies: ['session=abc; Path=/; HttpOnly', 'theme=dark'],
    body: JSON.stringify({ tag: ${JSON.stringify(tag)}, event }),
  };
};`;

let cloud: LocalCloud;
let lambda: LambdaInvoker;
let server: GatewayServer;
let gateway: Gateway;

beforeAll(async () => {
  cloud = await startLocalCloud();
  await createRegistryTable(cloud);
  await Promise.all([
    deployFunction(cloud, 'turnout-message', ECHO('message')),
    deployFunction(cloud, 'turnout-message-admin', ECHO('admin')),
    deployFunction(cloud, 'turnout-slow', ECHO('slow'), { timeoutSeconds: 1 }),
    deployFunction(cloud, 'turnout-names', graphletSource(IMDB.names.sdl, IMDB.names.roots)),
  ]);
  await writeGeneration(cloud, 1, {
    subgraphs: [subgraph('names', IMDB.names.sdl)],
    routes: [
      route('/message', 'message'),
      route('/message/admin', 'message-admin'),
      // Lambda's own 1 s timeout fires first: Sandbox.Timedout.
      route('/slow', 'slow', { timeoutMs: 5000 }),
      // The gateway's 300 ms timeout fires first.
      route('/impatient', 'slow', { functionName: 'turnout-slow', timeoutMs: 300 }),
      // No such function in Lambda.
      route('/ghost', 'ghost'),
    ],
  });
  lambda = createLambdaInvoker({
    region: cloud.region,
    endpoint: cloud.endpoints.lambda,
    credentials: LOCAL_CREDENTIALS,
  });
  gateway = createGateway({
    registry: toGenerationSource({
      documents: cloud.clients.documents,
      tableName: 'turnout-registry',
    }),
    invoke: lambda.invoke,
  });
  server = await startGatewayServer({ port: 0, gateway });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await lambda?.close();
  await cloud?.stop();
  await removeTestModules();
});

describe('the gateway routing REST requests', () => {
  it('invokes the module of the longest matching prefix with an API Gateway v2 event', async () => {
    const response = await fetch(`${server.url}/message/admin/inbox?b=2&a=1&a=3`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'c1=x; c2=y', 'x-custom': 'Yes' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(response.status).toBe(201);
    const { tag, event } = (await response.json()) as Json;
    expect(tag).toBe('admin');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/message/admin/inbox',
      rawQueryString: 'b=2&a=1&a=3',
      queryStringParameters: { a: '1,3', b: '2' },
      cookies: ['c1=x', 'c2=y'],
      body: '{"hello":"world"}',
      isBase64Encoded: false,
      requestContext: {
        routeKey: '$default',
        stage: '$default',
        http: { method: 'POST', path: '/message/admin/inbox', protocol: 'HTTP/1.1' },
      },
    });
    expect(event.headers['x-custom']).toBe('Yes');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.requestId).toBe(response.headers.get('x-request-id'));
    expect(typeof event.requestContext.timeEpoch).toBe('number');
  });

  it('returns the module result faithfully: status, headers, multi-value headers, cookies', async () => {
    const response = await fetch(`${server.url}/message/42`);
    expect(response.status).toBe(201);
    expect(response.headers.get('x-module')).toBe('message');
    expect(response.headers.get('x-many')).toBe('one, two');
    expect(response.headers.getSetCookie()).toEqual([
      'session=abc; Path=/; HttpOnly',
      'theme=dark',
    ]);
    expect(((await response.json()) as Json).tag).toBe('message');
  });

  it('matches prefixes on segment boundaries only', async () => {
    expect((await fetch(`${server.url}/message`)).status).toBe(201);
    const response = await fetch(`${server.url}/messages/1`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND' } });
  });

  it('carries binary bodies both ways unchanged', async () => {
    const bytes = randomBytes(4096);
    const response = await fetch(`${server.url}/message/binary`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('follows API Gateway v2 rules for results without a statusCode', async () => {
    const plain = await fetch(`${server.url}/message/plain`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(await plain.text()).toBe('just a string');
    const object = await fetch(`${server.url}/message/object`);
    expect(await object.json()).toEqual({ tag: 'message', plain: true });
  });

  it.each([
    ['/message/throw', 502, 'MODULE_ERROR'],
    ['/message/garbage', 502, 'MODULE_BAD_RESPONSE'],
    ['/slow/hang', 504, 'MODULE_TIMEOUT'],
    ['/impatient/hang', 504, 'MODULE_TIMEOUT'],
  ])('answers %s with %i %s', async (path, status, code) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(status);
    const body = (await response.json()) as Json;
    expect(body.error.code).toBe(code);
    expect(JSON.stringify(body)).not.toContain('exploded');
  });

  it('answers a function Lambda cannot find with the module, a code and the request id, not Lambda’s text', async () => {
    const response = await fetch(`${server.url}/ghost/x`);
    expect(response.status).toBe(502);
    const { error } = (await response.json()) as Json;
    expect(error).toEqual({
      code: 'MODULE_UNAVAILABLE',
      module: 'ghost',
      requestId: response.headers.get('x-request-id'),
      message: `Module "ghost" could not be reached. The gateway logged the details under request id ${response.headers.get('x-request-id')}.`,
    });
  });

  it.each([
    ['/message/admin/../7', 'message', '/message/7'],
    ['//message//admin/./inbox', 'admin', '/message/admin/inbox'],
    ['/message/%2e%2e/message/admin/x', 'admin', '/message/admin/x'],
  ])(
    'routes %s on the path the module reads, and sends it that path',
    async (path, tag, rawPath) => {
      const { status, body } = await sendRawPath(path);
      expect(status).toBe(201);
      expect(JSON.parse(body)).toMatchObject({ tag, event: { rawPath } });
    },
  );

  it.each(['/message/%2Fadmin/x', '/message/..%2F..%2Fadmin', '/message/../../admin'])(
    'refuses %s with 400 and says why',
    async (path) => {
      const { status, body } = await sendRawPath(path);
      expect(status).toBe(400);
      expect(JSON.parse(body).error.code).toBe('BAD_PATH');
    },
  );

  it('counts function errors and timeouts in the health samples', async () => {
    const samples = gateway.health.query({ functionName: 'turnout-slow' });
    const errors = samples.reduce((sum, s) => sum + s.errors, 0);
    const timeouts = samples.reduce((sum, s) => sum + s.timeouts, 0);
    expect(errors).toBeGreaterThanOrEqual(2);
    expect(timeouts).toBeGreaterThanOrEqual(2);
  });
});

describe('the Lambda entry (gateway/lambda.ts)', () => {
  const event = (
    over: Partial<APIGatewayProxyEventV2> & { method?: string },
  ): APIGatewayProxyEventV2 => ({
    version: '2.0',
    routeKey: '$default',
    rawPath: '/message/7',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method: over.method ?? 'GET',
        path: over.rawPath ?? '/message/7',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.9',
        userAgent: 'test',
      },
      requestId: 'apigw-request-1',
      routeKey: '$default',
      stage: '$default',
      time: '22/Nov/2026:08:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
    },
    ...over,
  });

  it('answers a REST event as the server does, passing API Gateway request id on', async () => {
    const handler = createLambdaHandler(gateway);
    const result = await handler(event({ cookies: ['a=1'], rawQueryString: 'x=1' }));
    expect(result.statusCode).toBe(201);
    expect(result.cookies).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark']);
    expect(result.headers?.['x-many']).toBe('one, two');
    const { event: seen } = JSON.parse(result.body ?? '{}');
    expect(seen.requestContext.requestId).toBe('apigw-request-1');
    expect(seen.requestContext.http.sourceIp).toBe('203.0.113.9');
    expect(seen.cookies).toEqual(['a=1']);
    expect(seen.queryStringParameters).toEqual({ x: '1' });
  });

  it('answers a GraphQL event', async () => {
    const handler = createLambdaHandler(gateway);
    const result = await handler(
      event({
        method: 'POST',
        rawPath: '/graphql',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
        },
        body: Buffer.from(JSON.stringify({ query: '{ name(id: "n1") { name } }' })).toString(
          'base64',
        ),
        isBase64Encoded: true,
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toContain('application/graphql-response+json');
    expect(JSON.parse(result.body ?? '')).toEqual({ data: { name: { name: 'Name n1' } } });
  });

  it('returns binary module bodies base64 encoded', async () => {
    const handler = createLambdaHandler(gateway);
    const bytes = randomBytes(64);
    const result = await handler(
      event({
        method: 'POST',
        rawPath: '/message/binary',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes.toString('base64'),
        isBase64Encoded: true,
      }),
    );
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body ?? '', 'base64').equals(bytes)).toBe(true);
  });

  it('answers an unknown path with 404 JSON', async () => {
    const result = await createLambdaHandler(gateway)(event({ rawPath: '/nowhere' }));
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body ?? '').error.code).toBe('ROUTE_NOT_FOUND');
  });
});

/** A GET with the path as written: fetch would resolve `..` and `.` before sending. */
function sendRawPath(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const sent = httpRequest({ host: url.hostname, port: url.port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sent.on('error', reject);
    sent.end();
  });
}
