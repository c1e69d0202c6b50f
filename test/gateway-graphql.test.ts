import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGatewayFromEnv,
  createJsonLogger,
  createLambdaHandler,
  createLambdaInvoker,
  createLeanRegistrySource,
  type GatewayServer,
  type LambdaInvoker,
  loadNewestGeneration,
  startGatewayServer,
} from '../gateway/index.ts';
import { LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import {
  createRegistryTable,
  deployFunction,
  graphletSource,
  IMDB,
  invokesByFunction,
  type Json,
  postGraphQL,
  removeTestModules,
  subgraph,
  writeGeneration,
} from './gateway-test-kit.ts';

const POLL_MS = 200;
const KNOWN_FOR = '{ name(id: "n1") { name knownFor { id title rating } } }';
const logs: string[] = [];

let cloud: LocalCloud;
let lambda: LambdaInvoker;
let server: GatewayServer;
let generation = 0;

const imdb = (ratings = subgraph('ratings', IMDB.ratings.sdl)) => [
  subgraph('names', IMDB.names.sdl),
  subgraph('titles', IMDB.titles.sdl),
  ratings,
];

/** Publishes the next generation and has the gateway pick it up now. */
async function publish(subgraphs: ReturnType<typeof imdb>) {
  generation += 1;
  await writeGeneration(cloud, generation, { subgraphs });
  await server.gateway.refresh();
}

beforeAll(async () => {
  cloud = await startLocalCloud();
  await createRegistryTable(cloud);
  await Promise.all([
    deployFunction(cloud, 'turnout-names', graphletSource(IMDB.names.sdl, IMDB.names.roots)),
    deployFunction(cloud, 'turnout-titles', graphletSource(IMDB.titles.sdl, IMDB.titles.roots)),
    deployFunction(cloud, 'turnout-ratings', graphletSource(IMDB.ratings.sdl, IMDB.ratings.roots)),
    deployFunction(
      cloud,
      'turnout-ratings-v2',
      graphletSource(IMDB.ratings.sdl, IMDB.ratings.roots.replace('8.5', '9.9')),
    ),
    deployFunction(
      cloud,
      'turnout-ratings-broken',
      graphletSource(
        IMDB.ratings.sdl,
        `{ _ratings: () => { throw new Error('Cannot do operations on a non-existent table'); } }`,
      ),
    ),
    ...['throw', 'hang', 'garbage'].map((mode) =>
      deployFunction(
        cloud,
        `turnout-ratings-${mode}`,
        graphletSource(IMDB.ratings.sdl, IMDB.ratings.roots),
        {
          environment: { MODE: mode },
        },
      ),
    ),
  ]);
  generation = 1;
  await writeGeneration(cloud, generation, { subgraphs: imdb() });
  lambda = createLambdaInvoker({
    region: cloud.region,
    endpoint: cloud.endpoints.lambda,
    credentials: LOCAL_CREDENTIALS,
  });
  server = await startGatewayServer({
    port: 0,
    registry: { documents: cloud.clients.documents, tableName: 'turnout-registry' },
    invoke: lambda.invoke,
    pollIntervalMs: POLL_MS,
    healthToken: 'test-health-token',
    limits: { maxDepth: 6, maxAliases: 5, maxBodyBytes: 64 * 1024 },
    logger: createJsonLogger({ write: (line) => logs.push(line), level: 'info' }),
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await lambda?.close();
  await cloud?.stop();
  await removeTestModules();
});

describe('the gateway serving GraphQL from the local cloud', () => {
  it('answers a query spanning three modules with one invoke per module per merge level', async () => {
    const since = Date.now() - 1000;
    const query = '{ names(ids: ["n1", "n2", "n3"]) { name knownFor { title rating } } }';
    const { status, body } = await postGraphQL(server.url, { query });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.names).toHaveLength(3);
    expect(body.data.names[2]).toEqual({
      name: 'Name n3',
      knownFor: [
        { title: 'Title t1', rating: 8.5 },
        { title: 'Title t2', rating: 8.5 },
      ],
    });
    expect(invokesByFunction(server.gateway.health.query({ since }))).toEqual({
      'turnout-names': 1,
      'turnout-titles': 1,
      'turnout-ratings': 1,
    });
  });

  it('records the executed version of every invoke in the health samples, also over HTTP', async () => {
    const response = await fetch(`${server.url}/_turnout/health?functionName=turnout-titles`, {
      headers: { 'x-turnout-health-token': 'test-health-token' },
    });
    const health: Json = await response.json();
    expect(health.samples.length).toBeGreaterThan(0);
    expect(health.samples[0]).toMatchObject({
      functionName: 'turnout-titles',
      version: '1',
      errors: 0,
    });
    expect(health.latencyBucketBoundsMs[0]).toBe(0.5);
  });

  it('serves GET queries with the preflight header, and refuses a mutation over GET', async () => {
    const get = (query: string) =>
      fetch(`${server.url}/graphql?${new URLSearchParams({ query })}`, {
        headers: { accept: 'application/graphql-response+json', 'x-turnout-csrf': '1' },
      });
    const ok = await get('{ name(id: "n9") { name } }');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { name: { name: 'Name n9' } } });
    const mutation = await get('mutation { rename(id: "n1", name: "x") { name } }');
    expect(mutation.status).toBe(405);
    expect(((await mutation.json()) as Json).error.message).toContain('POST');
    const posted = await postGraphQL(server.url, {
      query: 'mutation { rename(id: "n1", name: "x") { name } }',
    });
    expect(posted.body.data.rename.name).toBe('x');
  });

  it.each([
    ['malformed JSON', '{"query": "{', {}, 400, 'The request body is not valid JSON.'],
    ['an invalid query', { query: '{ name(id: "n1") {' }, {}, 400, 'Syntax Error'],
    ['an unknown field', { query: '{ nope }' }, {}, 400, 'Cannot query field'],
    [
      'too many aliases',
      {
        query:
          '{ a: __typename b: __typename c: __typename d: __typename e: __typename f: __typename }',
      },
      {},
      400,
      'limits.maxAliases',
    ],
    [
      'a wrong content type',
      { query: '{ __typename }' },
      { 'content-type': 'text/plain' },
      415,
      'content-type: application/json',
    ],
    [
      'a body too large',
      { query: `{ __typename }${' '.repeat(70 * 1024)}` },
      {},
      413,
      'limits.maxBodyBytes',
    ],
    [
      'an unacceptable media type',
      { query: '{ __typename }' },
      { accept: 'application/xml' },
      406,
      'Accept',
    ],
  ])(
    'answers %s with the right status and message',
    async (_case, body, headers, status, message) => {
      const response = await postGraphQL(server.url, body, headers as Record<string, string>);
      expect(response.status).toBe(status);
      expect(JSON.stringify(response.body)).toContain(message);
    },
  );

  it('rejects a query deeper than the depth limit, and introspection while it is off, with 400', async () => {
    const deep =
      '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }';
    const response = await postGraphQL(server.url, { query: deep });
    expect(response.status).toBe(400);
    const messages = response.body.errors.map((e: { message: string }) => e.message);
    expect(messages).toContainEqual(expect.stringContaining('8 levels deep'));
    expect(messages).toContainEqual(expect.stringContaining('limits.maxDepth'));
    expect(messages).toContainEqual(expect.stringContaining('introspection: false'));
  });

  it('keeps serving after every rejection', async () => {
    const { body } = await postGraphQL(server.url, { query: KNOWN_FOR });
    expect(body.data.name.knownFor).toHaveLength(3);
  });
});

describe('the gateway isolating a failing module', () => {
  it.each([
    // Only the hanging module gets a short timeout: a first invoke starts a cold worker,
    // which on a loaded machine can take longer than 300 ms by itself.
    ['throws', 'turnout-ratings-throw', 'MODULE_ERROR', 10_000],
    ['hangs', 'turnout-ratings-hang', 'MODULE_TIMEOUT', 300],
    ['answers garbage', 'turnout-ratings-garbage', 'MODULE_BAD_RESPONSE', 10_000],
  ])(
    'answers partial data when the ratings module %s',
    async (_case, functionName, code, timeoutMs) => {
      await publish(imdb(subgraph('ratings', IMDB.ratings.sdl, { functionName, timeoutMs })));
      const { status, body } = await postGraphQL(server.url, { query: KNOWN_FOR });
      expect(status).toBe(200);
      expect(body.data.name.name).toBe('Name n1');
      expect(body.data.name.knownFor[0]).toEqual({ id: 't1', title: 'Title t1', rating: null });
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toMatchObject({ code, module: 'ratings' });
      expect(body.errors[0].path).toEqual(['name', 'knownFor', 'rating']);
      expect(JSON.stringify(body)).not.toContain('exploded');
    },
  );

  it('passes the request id to the module invoke and logs the failure with it', async () => {
    await publish(
      imdb(subgraph('ratings', IMDB.ratings.sdl, { functionName: 'turnout-ratings-throw' })),
    );
    const response = await postGraphQL(server.url, { query: KNOWN_FOR });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    const line = logs.map((l) => JSON.parse(l)).find((l) => l.requestId === requestId);
    expect(line).toMatchObject({ level: 'warn', module: 'ratings', code: 'MODULE_ERROR' });
  });
});

describe('the gateway keeping internal text from clients outside dev', () => {
  it('names the module, the code and the request id when Lambda cannot find its function, and logs Lambda’s text', async () => {
    await publish(imdb(subgraph('ratings', IMDB.ratings.sdl, { functionName: 'turnout-ghost' })));
    const { headers, body } = await postGraphQL(server.url, { query: KNOWN_FOR });
    const requestId = headers.get('x-request-id');
    expect(body.data.name.knownFor[0].title).toBe('Title t1');
    expect(body.errors[0].extensions).toEqual({
      code: 'MODULE_UNAVAILABLE',
      module: 'ratings',
      requestId,
    });
    expect(JSON.stringify(body)).not.toMatch(
      /arn:aws|ResourceNotFoundException|Function not found/,
    );
    const logged = logs.filter((l) => l.includes(String(requestId))).join('\n');
    expect(logged).toContain('Function not found');
  });

  it('masks a resolver’s own error that carries no client code, and logs it', async () => {
    await publish(
      imdb(subgraph('ratings', IMDB.ratings.sdl, { functionName: 'turnout-ratings-broken' })),
    );
    const { headers, body } = await postGraphQL(server.url, { query: KNOWN_FOR });
    const requestId = headers.get('x-request-id');
    expect(body.errors[0]).toMatchObject({
      message: `Module "ratings" failed. The gateway logged the details under request id ${requestId}.`,
      extensions: { code: 'MODULE_ERROR', module: 'ratings', requestId },
    });
    expect(JSON.stringify(body)).not.toContain('non-existent table');
    const logged = logs.filter((l) => l.includes(String(requestId))).join('\n');
    expect(logged).toContain('non-existent table');
  });

  it('answers a misspelt field without suggesting the right one while introspection is off', async () => {
    const { status, body } = await postGraphQL(server.url, { query: '{ name(id: "n1") { nam } }' });
    expect(status).toBe(400);
    expect(body.errors[0].message).toBe('Cannot query field "nam" on type "Name".');
  });
});

describe('the gateway following the registry', () => {
  // That it comes within one poll interval is the watcher's unit test's question (on a fake
  // clock): a bound on the wall time here would fail on a loaded machine, not on a bug.
  it('serves a newly written generation on its own, without a restart', async () => {
    await publish(imdb());
    generation += 1;
    await writeGeneration(cloud, generation, {
      subgraphs: imdb(
        subgraph('ratings', IMDB.ratings.sdl, { functionName: 'turnout-ratings-v2' }),
      ),
    });
    await expect
      .poll(() => server.gateway.generation(), { interval: 20, timeout: 20_000 })
      .toBe(generation);
    const { body } = await postGraphQL(server.url, { query: KNOWN_FOR });
    expect(body.data.name.knownFor[0].rating).toBe(9.9);
  });

  it('skips a broken generation and keeps serving the last good one', async () => {
    const good = generation;
    generation += 1;
    await writeGeneration(cloud, generation, {
      subgraphs: [subgraph('ratings', 'type Query { broken: Nope }')],
    });
    // Once the gateway has tried the broken generation, it says so in its log.
    const failure = () =>
      logs
        .map((l) => JSON.parse(l))
        .find((l) => l.generation === generation && l.level === 'error');
    await expect.poll(failure, { interval: 20, timeout: 20_000 }).toBeDefined();
    expect(failure()?.message).toContain('keeping the last good one');
    expect(server.gateway.generation()).toBe(good);
    const { body } = await postGraphQL(server.url, { query: KNOWN_FOR });
    expect(body.data.name.knownFor[0].rating).toBe(9.9);
  });

  it('reads the same generation without the SDK, as the Lambda entry does', async () => {
    const table = { documents: cloud.clients.documents, tableName: 'turnout-registry' };
    const lean = createLeanRegistrySource({
      tableName: table.tableName,
      region: cloud.region,
      endpoint: cloud.endpoints.dynamodb,
      credentials: LOCAL_CREDENTIALS,
    });
    const viaSdk = await loadNewestGeneration(table);
    expect(await lean.load()).toEqual(viaSdk);
    expect(await lean.peekNewest()).toBe(viaSdk?.generation);
    const before = viaSdk?.generation ?? 0;
    expect(await lean.load({ before })).toEqual(await loadNewestGeneration(table, { before }));
  });

  it('serves from the environment the gateway Lambda gets (createGatewayFromEnv)', async () => {
    const gateway = createGatewayFromEnv(
      {
        AWS_REGION: cloud.region,
        AWS_ENDPOINT_URL_LAMBDA: cloud.endpoints.lambda,
        AWS_ENDPOINT_URL_DYNAMODB: cloud.endpoints.dynamodb,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        TURNOUT_REGISTRY_TABLE: 'turnout-registry',
      },
      { logger: createJsonLogger({ write: (line) => logs.push(line) }) },
    );
    const handler = createLambdaHandler(gateway);
    const result = await handler({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/graphql',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: KNOWN_FOR }),
      isBase64Encoded: false,
      requestContext: {
        accountId: '1',
        apiId: 'api',
        domainName: 'api.example.com',
        domainPrefix: 'api',
        http: {
          method: 'POST',
          path: '/graphql',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 't',
        },
        requestId: 'from-env',
        routeKey: '$default',
        stage: '$default',
        time: '',
        timeEpoch: Date.now(),
      },
    });
    gateway.stop();
    expect(result.statusCode).toBe(200);
    expect(gateway.generation()).toBe(server.gateway.generation());
    expect(JSON.parse(result.body ?? '').data.name.knownFor[0].rating).toBe(9.9);
  });
});
