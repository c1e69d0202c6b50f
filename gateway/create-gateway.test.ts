import { buildClientSchema, GraphQLError, getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  createGraphletHandler,
  type GraphletEvent,
} from '../modules/kit/create-graphlet-handler.ts';
import { createGateway, type GatewayOptions } from './create-gateway.ts';
import { LambdaInvokeError } from './errors.ts';
import type { GenerationSource } from './registry/create-generation-watcher.ts';
import {
  createFakeInvoker,
  type FakeHandler,
  generationOf,
  graphletHandler,
  NAMES_SDL,
  RATINGS_SDL,
  route,
  subgraph,
  TITLES_SDL,
} from './testing/fake-modules.ts';
import type { GatewayRequest } from './types.ts';

const KNOWN_FOR = '{ name(id: "n1") { name knownFor { id title rating } } }';

function setup(handlers: Record<string, FakeHandler> = {}, options: Partial<GatewayOptions> = {}) {
  const invoke = createFakeInvoker({
    'turnout-names': graphletHandler('names', NAMES_SDL),
    'turnout-titles': graphletHandler('titles', TITLES_SDL),
    'turnout-ratings': graphletHandler('ratings', RATINGS_SDL),
    ...handlers,
  });
  const generation = generationOf(
    1,
    [
      subgraph('names', NAMES_SDL),
      subgraph('titles', TITLES_SDL),
      subgraph('ratings', RATINGS_SDL, 50),
    ],
    [route('/message', 'message'), route('/message/admin', 'admin')],
  );
  const source: GenerationSource = {
    load: async () => generation,
    peekNewest: async () => generation.generation,
  };
  const gateway = createGateway({ registry: source, invoke, pollIntervalMs: 60_000, ...options });
  return { gateway, invoke };
}

/** A registry holding one generation with a `/message` route, for gateways made in a test. */
function setupOptions(): GatewayOptions {
  const generation = generationOf(1, [], [route('/message', 'message')]);
  return {
    registry: { load: async () => generation, peekNewest: async () => 1 },
    invoke: createFakeInvoker({}),
    pollIntervalMs: 60_000,
  };
}

function post(body: unknown, headers: Record<string, string> = {}): GatewayRequest {
  return {
    method: 'POST',
    path: '/graphql',
    requestId: 'req-1',
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

function get(query: string, headers: Record<string, string> = {}): GatewayRequest {
  return {
    method: 'GET',
    path: '/graphql',
    rawQueryString: new URLSearchParams({ query }).toString(),
    headers: { accept: 'application/graphql-response+json', 'x-turnout-csrf': '1', ...headers },
  };
}

function rest(method: string, path: string): GatewayRequest {
  return { method, path, rawQueryString: '', headers: {} };
}

function json(body: string | Buffer) {
  return JSON.parse(body.toString());
}

describe('createGateway', () => {
  it('merges a query across three modules with one invoke per module per merge level', async () => {
    const { gateway, invoke } = setup();
    const response = await gateway.handle(post({ query: KNOWN_FOR }));
    expect(response.statusCode).toBe(200);
    expect(json(response.body).data.name.knownFor).toEqual([
      { id: 't1', title: 'Title t1', rating: 8.1 },
      { id: 't2', title: 'Title t2', rating: 8.1 },
      { id: 't3', title: 'Title t3', rating: 8.1 },
    ]);
    expect(invoke.calls.map((c) => c.functionName).sort()).toEqual([
      'turnout-names',
      'turnout-ratings',
      'turnout-titles',
    ]);
  });

  it('batches several root fields of one module into one invoke', async () => {
    const { gateway, invoke } = setup();
    const query =
      '{ a: name(id: "n1") { name knownFor { title } } b: name(id: "n2") { name knownFor { title } } }';
    const body = json((await gateway.handle(post({ query }))).body);
    expect(body.data.b.name).toBe('Name n2');
    expect(invoke.calls.map((c) => c.functionName).sort()).toEqual([
      'turnout-names',
      'turnout-titles',
    ]);
  });

  it('sends each module the graphlet contract with the request id in the context', async () => {
    const { gateway, invoke } = setup();
    await gateway.handle({ ...post({ query: KNOWN_FOR }), requestId: 'req-42' });
    const payload = JSON.parse(invoke.calls[0]?.payload ?? '{}');
    expect(Object.keys(payload).sort()).toEqual(['context', 'operationName', 'query', 'variables']);
    expect(payload.context).toEqual({ requestId: 'req-42' });
    expect(invoke.calls[0]?.qualifier).toBe('live');
  });

  it('answers partial data with errors naming the module when one module throws', async () => {
    const { gateway } = setup({
      'turnout-ratings': () => {
        throw new Error('ratings database down');
      },
    });
    const body = json((await gateway.handle(post({ query: KNOWN_FOR }))).body);
    expect(body.data.name.knownFor[0]).toEqual({ id: 't1', title: 'Title t1', rating: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({
      code: 'MODULE_ERROR',
      module: 'ratings',
      requestId: 'req-1',
    });
    expect(body.errors[0].message).not.toContain('database');
  });

  it('tags a module that answers garbage as a bad response', async () => {
    const { gateway } = setup({ 'turnout-titles': () => 'RAW:<html>oops' });
    const body = json((await gateway.handle(post({ query: KNOWN_FOR }))).body);
    expect(body.data.name.knownFor[0].rating).toBe(8.1);
    expect(body.errors[0].extensions).toMatchObject({
      code: 'MODULE_BAD_RESPONSE',
      module: 'titles',
    });
  });

  it('rejects a mutation over GET with 405', async () => {
    const { gateway } = setup();
    const response = await gateway.handle(get('mutation { rename(id: "n1", name: "x") { id } }'));
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });

  it('requires a preflight header on GET', async () => {
    const { gateway } = setup();
    const response = await gateway.handle(
      get('{ name(id: "n1") { name } }', { 'x-turnout-csrf': undefined as unknown as string }),
    );
    expect(response.statusCode).toBe(400);
    expect(json(response.body).error.code).toBe('CSRF_PREVENTED');
  });

  it('answers GET queries that carry the preflight header', async () => {
    const { gateway } = setup();
    const response = await gateway.handle(get('{ name(id: "n1") { name } }'));
    expect(response.statusCode).toBe(200);
    expect(json(response.body).data.name.name).toBe('Name n1');
  });

  it.each([
    ['malformed JSON', post('{"query":'), 400, 'MALFORMED_JSON'],
    ['a missing query', post({ variables: {} }), 400, 'BAD_REQUEST'],
    [
      'a wrong content type',
      { ...post({ query: '{ __typename }' }), headers: { 'content-type': 'text/plain' } },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'an unacceptable Accept',
      post({ query: '{ __typename }' }, { accept: 'text/csv' }),
      406,
      'NOT_ACCEPTABLE',
    ],
  ])('rejects %s', async (_name, request, status, code) => {
    const { gateway } = setup();
    const response = await gateway.handle(request as GatewayRequest);
    expect(response.statusCode).toBe(status);
    expect(json(response.body).error.code).toBe(code);
  });

  it.each([
    ['a syntax error', '{ name(id: "n1") { name }', 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', '{ nope }', 'GRAPHQL_VALIDATION_FAILED'],
  ])('answers %s with 400 errors under graphql-response+json', async (_name, query, code) => {
    const { gateway } = setup();
    const response = await gateway.handle(post({ query }));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/graphql-response+json');
    expect(json(response.body).errors[0].extensions.code).toBe(code);
  });

  it('answers validation errors with 200 for legacy application/json clients', async () => {
    const { gateway } = setup();
    const response = await gateway.handle(
      post({ query: '{ nope }' }, { accept: 'application/json' }),
    );
    expect(response.statusCode).toBe(200);
    expect(json(response.body).errors[0].message).toContain('nope');
  });

  it('rejects queries over the depth, alias and token limits with 400 and the limit named', async () => {
    const { gateway } = setup({}, { limits: { maxDepth: 2, maxAliases: 2, maxTokens: 50 } });
    const deep = await gateway.handle(
      post({ query: '{ name(id: "n1") { knownFor { title } } }' }, { accept: 'application/json' }),
    );
    expect(deep.statusCode).toBe(400);
    expect(json(deep.body).errors[0].message).toContain('limits.maxDepth');
    const aliases = await gateway.handle(
      post({ query: '{ a: __typename b: __typename c: __typename }' }),
    );
    expect(json(aliases.body).errors[0].extensions.code).toBe('ALIAS_LIMIT_EXCEEDED');
    const tokens = await gateway.handle(post({ query: `{ ${'__typename '.repeat(60)} }` }));
    expect(tokens.statusCode).toBe(400);
    expect(json(tokens.body).errors[0].extensions.code).toBe('TOKEN_LIMIT_EXCEEDED');
  });

  it('rejects a body over the size limit with 413', async () => {
    const { gateway } = setup({}, { limits: { maxBodyBytes: 100 } });
    const response = await gateway.handle(post({ query: `{ __typename } ${' '.repeat(200)}` }));
    expect(response.statusCode).toBe(413);
  });

  it('refuses introspection when it is off, naming the option', async () => {
    const { gateway } = setup({}, { introspection: false });
    const response = await gateway.handle(post({ query: '{ __schema { types { name } } }' }));
    expect(response.statusCode).toBe(400);
    expect(json(response.body).errors[0].message).toContain('introspection: false');
  });

  it("answers the standard introspection query (GraphiQL's) while introspection is on, deeper than the depth limit though it is", async () => {
    const { gateway } = setup({}, { introspection: true });
    const response = await gateway.handle(post({ query: getIntrospectionQuery() }));
    expect(response.statusCode).toBe(200);
    const schema = buildClientSchema(json(response.body).data);
    expect(schema.getQueryType()?.getFields().name).toBeDefined();
    // The limit still holds for the fields the modules serve.
    const deep = `{ name(id: "n1") { ${'knownFor { '.repeat(12)}id${' }'.repeat(12)} } }`;
    const refused = await gateway.handle(post({ query: deep }));
    expect(refused.statusCode).toBe(400);
    const messages = json(refused.body).errors.map((e: { message: string }) => e.message);
    expect(messages).toContainEqual(expect.stringContaining('limits.maxDepth'));
  });

  it('suggests field names only while introspection is on', async () => {
    const misspelt = post({ query: '{ name(id: "n1") { nam } }' });
    const off = setup({}, { introspection: false }).gateway;
    expect(json((await off.handle(misspelt)).body).errors[0].message).toBe(
      'Cannot query field "nam" on type "Name".',
    );
    const on = setup({}, { introspection: true }).gateway;
    expect(json((await on.handle(misspelt)).body).errors[0].message).toContain(
      'Did you mean "name"?',
    );
  });

  it('answers a REST module Lambda refused with its name, code and request id, not Lambda’s text', async () => {
    const refusal = new LambdaInvokeError(
      'ResourceNotFoundException',
      404,
      'Module "message": ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:000000000000:function:turnout-message:live',
      { module: 'message' },
    );
    const failing = async () => {
      throw refusal;
    };
    const gateway = createGateway({ ...setupOptions(), invoke: failing });
    const response = await gateway.handle({ ...rest('GET', '/message/7'), requestId: 'req-9' });
    expect(response.statusCode).toBe(502);
    expect(json(response.body).error).toEqual({
      code: 'MODULE_UNAVAILABLE',
      module: 'message',
      requestId: 'req-9',
      message:
        'Module "message" could not be reached. The gateway logged the details under request id req-9.',
    });
    const dev = createGateway({ ...setupOptions(), invoke: failing, dev: true });
    const detailed = await dev.handle(rest('GET', '/message/7'));
    expect(json(detailed.body).error.message).toContain('Function not found');
  });

  it('serves GraphiQL to a browser in dev mode', async () => {
    const { gateway } = setup({}, { dev: true });
    const response = await gateway.handle({
      method: 'GET',
      path: '/graphql',
      rawQueryString: '',
      headers: { accept: 'text/html' },
    });
    expect(response.headers['content-type']).toContain('text/html');
    expect(String(response.body)).toContain('GraphiQL');
  });

  it('keeps serving after rejecting bad requests', async () => {
    const { gateway } = setup();
    await gateway.handle(post('nonsense'));
    const response = await gateway.handle(post({ query: '{ name(id: "n2") { name } }' }));
    expect(json(response.body).data.name.name).toBe('Name n2');
  });

  it('routes REST requests to the longest matching prefix', async () => {
    const seen: string[] = [];
    const { gateway } = setup({
      'turnout-message': () => {
        seen.push('message');
        return { statusCode: 201, body: 'ok' };
      },
      'turnout-admin': () => {
        seen.push('admin');
        return { hello: 'admin' };
      },
    });
    const admin = await gateway.handle({
      method: 'GET',
      path: '/message/admin/7',
      rawQueryString: '',
      headers: {},
    });
    expect(admin.statusCode).toBe(200);
    expect(json(admin.body)).toEqual({ hello: 'admin' });
    const message = await gateway.handle({
      method: 'GET',
      path: '/message/administrator',
      rawQueryString: '',
      headers: {},
    });
    expect(message.statusCode).toBe(201);
    const missing = await gateway.handle({
      method: 'GET',
      path: '/messages',
      rawQueryString: '',
      headers: {},
    });
    expect(missing.statusCode).toBe(404);
    expect(seen).toEqual(['admin', 'message']);
  });

  it('routes on the resolved path and sends the module exactly that path', async () => {
    const paths: string[] = [];
    const echo: FakeHandler = (event) => {
      paths.push((event as { rawPath: string }).rawPath);
      return { statusCode: 200, body: 'ok' };
    };
    const { gateway, invoke } = setup({ 'turnout-message': echo, 'turnout-admin': echo });
    const request = (path: string) => gateway.handle({ ...rest('GET', path) });
    expect((await request('/message/./7//read')).statusCode).toBe(200);
    expect((await request('/message/x/../admin/7')).statusCode).toBe(200);
    expect(paths).toEqual(['/message/7/read', '/message/admin/7']);
    expect(invoke.calls.map((c) => c.functionName)).toEqual(['turnout-message', 'turnout-admin']);
  });

  it.each([
    '/message/%2Fadmin/7',
    '/message/..%2f..%2fadmin',
    '/message\\..\\admin',
    '/../message/7',
  ])('refuses %s with 400 before any module is asked', async (path) => {
    const { gateway, invoke } = setup();
    const response = await gateway.handle(rest('GET', path));
    expect(response.statusCode).toBe(400);
    expect(json(response.body).error.code).toBe('BAD_PATH');
    expect(invoke.calls).toHaveLength(0);
  });

  it('serves GraphQL on a path that resolves to it', async () => {
    const { gateway } = setup();
    const response = await gateway.handle({
      ...post({ query: '{ name(id: "n2") { name } }' }),
      path: '//graphql',
    });
    expect(json(response.body).data.name.name).toBe('Name n2');
  });

  it('records health samples per function version', async () => {
    const { gateway } = setup();
    await gateway.handle(post({ query: KNOWN_FOR }));
    const samples = gateway.health.query({ functionName: 'turnout-titles' });
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ version: '1', invokes: 1, errors: 0, throttles: 0 });
  });
});

/** The response key of the merge field a module was asked for (planner and graphql-tools alias differently). */
const mergeKey = (payload: unknown) =>
  /\{\s*(\w+)\s*[:(]/.exec((payload as { query: string }).query)?.[1] ?? '';

describe.each([
  ['the query planner', true],
  ['graphql-tools', false],
])('createGateway through %s, with a module that answers wrongly', (_path, queryPlanner) => {
  const titlesHealth = (gateway: ReturnType<typeof setup>['gateway']) =>
    gateway.health.query({ functionName: 'turnout-titles' });

  it.each<[string, FakeHandler, string]>([
    [
      'an empty merge list',
      (p) => ({ data: { [mergeKey(p)]: [] } }),
      '_titles: 0 entries for 3 keys',
    ],
    [
      'a string where a list belongs',
      (p) => ({ data: { [mergeKey(p)]: 'Title t1' } }),
      '_titles: a string where 3 entries belong',
    ],
    [
      'a number where a String belongs',
      (p) => ({ data: { [mergeKey(p)]: ['t1', 't2', 't3'].map((id) => ({ id, title: 7 })) } }),
      '_titles.0.title: a number where String belongs',
    ],
  ])(
    'answers %s as the module’s error, never a silent null, and counts it in health',
    async (_case, answer, violation) => {
      const { gateway } = setup({ 'turnout-titles': answer }, { queryPlanner, dev: true });
      const body = json((await gateway.handle(post({ query: KNOWN_FOR }))).body);
      expect(body.data.name.knownFor[0]).toEqual({ id: 't1', title: null, rating: 8.1 });
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toEqual({ code: 'MODULE_BAD_RESPONSE', module: 'titles' });
      expect(body.errors[0].message).toContain(violation.replace(/^_titles/, ''));
      expect(titlesHealth(gateway)[0]).toMatchObject({ invokes: 1, errors: 1, badResponses: 1 });
      expect(titlesHealth(gateway)[0]?.badResponse).toContain(violation.replace(/^_titles/, ''));
    },
  );

  it('answers a bare string as the module’s error and counts it in health', async () => {
    const { gateway } = setup({ 'turnout-titles': () => 'all good' }, { queryPlanner });
    const body = json((await gateway.handle(post({ query: KNOWN_FOR }))).body);
    expect(body.errors[0].extensions).toEqual({
      code: 'MODULE_BAD_RESPONSE',
      module: 'titles',
      requestId: 'req-1',
    });
    expect(titlesHealth(gateway)[0]).toMatchObject({
      errors: 1,
      badResponses: 1,
      badResponse: 'the answer is a string, not { data, errors }',
    });
  });

  it('keeps the violation out of the client’s error outside development', async () => {
    const { gateway } = setup(
      { 'turnout-titles': (p) => ({ data: { [mergeKey(p)]: [] } }) },
      { queryPlanner },
    );
    const body = json((await gateway.handle(post({ query: KNOWN_FOR }))).body);
    expect(body.errors[0].message).toBe(
      'Module "titles" answered against the graphlet contract. The gateway logged the details under request id req-1.',
    );
  });
});

describe('createGateway health routes', () => {
  const health = (headers: Record<string, string> = {}) => ({
    ...rest('GET', '/_turnout/health'),
    headers,
  });

  it('serves the health samples to a caller with the health token', async () => {
    const { gateway } = setup({}, { healthToken: 's3cret' });
    await gateway.start();
    await gateway.handle(post({ query: KNOWN_FOR }));
    const response = await gateway.handle(health({ 'x-turnout-health-token': 's3cret' }));
    expect(response.statusCode).toBe(200);
    const body = json(response.body);
    expect(body.generation).toBe(1);
    expect(body.samples.map((s: { functionName: string }) => s.functionName)).toContain(
      'turnout-titles',
    );
  });

  it('answers 401 without the token and 403 with a wrong one, saying how to get in', async () => {
    const { gateway } = setup({}, { healthToken: 's3cret' });
    const missing = await gateway.handle(health());
    expect(missing.statusCode).toBe(401);
    expect(json(missing.body).error.message).toContain('x-turnout-health-token');
    const wrong = await gateway.handle(health({ 'x-turnout-health-token': 'guess' }));
    expect(wrong.statusCode).toBe(403);
    expect(String(wrong.body)).not.toContain('turnout-titles');
  });

  it('serves the samples to no one when it has no token', async () => {
    const { gateway } = setup();
    const response = await gateway.handle(health({ 'x-turnout-health-token': '' }));
    expect(response.statusCode).toBe(403);
    expect(json(response.body).error.message).toContain('TURNOUT_HEALTH_TOKEN');
  });

  it('says up on the liveness path, to anyone, and nothing more', async () => {
    const { gateway } = setup();
    const response = await gateway.handle(rest('GET', '/_turnout/live'));
    expect(response.statusCode).toBe(200);
    expect(json(response.body)).toEqual({ status: 'up' });
  });

  it('says down while it holds no generation', async () => {
    const gateway = createGateway({
      registry: { load: async () => undefined, peekNewest: async () => undefined },
      invoke: createFakeInvoker({}),
    });
    const response = await gateway.handle(rest('GET', '/_turnout/live'));
    expect(response.statusCode).toBe(503);
    expect(json(response.body)).toEqual({ status: 'down' });
    gateway.stop();
  });

  it('says down when it cannot read the registry, though it still serves its generation', async () => {
    let down = false;
    const generation = generationOf(1, [subgraph('names', NAMES_SDL)]);
    const gateway = createGateway({
      registry: {
        load: async () => generation,
        peekNewest: async () => {
          if (down) throw new Error('connect ECONNREFUSED');
          return 1;
        },
      },
      invoke: createFakeInvoker({ 'turnout-names': graphletHandler('names', NAMES_SDL) }),
      pollIntervalMs: 60_000,
    });
    await gateway.start();
    down = true;
    await gateway.refresh().catch(() => undefined);
    const live = await gateway.handle(rest('GET', '/_turnout/live'));
    expect(live.statusCode).toBe(503);
    const served = await gateway.handle(post({ query: '{ name(id: "n1") { name } }' }));
    expect(json(served.body).data.name.name).toBe('Name n1');
    gateway.stop();
  });
});

const PEOPLE_SDL = `
type Person @key(selectionSet: "{ id }") { id: ID! name: String! knownFor: [Title!]! }
type Title @key(selectionSet: "{ id }") { id: ID! }
type Page { next: String }
type Query {
  person(id: ID!): Person
  people(after: String): Page!
  _people(ids: [ID!]!): [Person]! @merge(keyField: "id")
}`;
const FILMS_SDL = `
type Title @key(selectionSet: "{ id }") { id: ID! title: String }
type Query { title(id: ID!): Title! _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }`;

const badCursor = () => {
  throw new GraphQLError('"x" is not a cursor', { extensions: { code: 'BAD_USER_INPUT' } });
};
const personOf = (id: string) => ({
  id,
  name: `Name ${id}`,
  knownFor: Array.from({ length: id === 'many' ? 150 : 2 }, (_, i) => ({ id: `t${i}` })),
});
const PEOPLE_ROOTS = {
  person: ({ id }: { id: string }) => personOf(id),
  people: ({ after }: { after?: string }) => (after === 'x' ? badCursor() : { next: null }),
  _people: ({ ids }: { ids: string[] }) => ids.map(personOf),
};
const FILMS_ROOTS = {
  title: ({ id }: { id: string }) => ({ id, title: `Title ${id}` }),
  _titles: ({ ids }: { ids: string[] }) => ids.map((id) => ({ id, title: `Title ${id}` })),
};

describe.each([
  ['the query planner', true],
  ['graphql-tools', false],
])('createGateway’s client schema, through %s', (_path, queryPlanner) => {
  function people(options: Partial<GatewayOptions> = {}) {
    const invoke = createFakeInvoker({
      'turnout-people': graphletHandler('people', PEOPLE_SDL, PEOPLE_ROOTS),
      'turnout-films': graphletHandler('films', FILMS_SDL, FILMS_ROOTS),
    });
    const generation = generationOf(1, [
      subgraph('people', PEOPLE_SDL),
      subgraph('films', FILMS_SDL),
    ]);
    const gateway = createGateway({
      registry: { load: async () => generation, peekNewest: async () => 1 },
      invoke,
      pollIntervalMs: 60_000,
      queryPlanner,
      ...options,
    });
    return { gateway, invoke };
  }

  it('answers a query naming a merge field as naming an unknown field', async () => {
    const { gateway, invoke } = people();
    const response = await gateway.handle(post({ query: '{ _people(ids: ["n1"]) { id } }' }));
    expect(response.statusCode).toBe(400);
    expect(json(response.body).errors[0].message).toBe(
      'Cannot query field "_people" on type "Query".',
    );
    expect(invoke.calls).toHaveLength(0);
  });

  it('still fills merged fields through the merge fields', async () => {
    const { gateway } = people();
    const body = json(
      (await gateway.handle(post({ query: '{ person(id: "n1") { knownFor { title } } }' }))).body,
    );
    expect(body).toEqual({
      data: { person: { knownFor: [{ title: 'Title t0' }, { title: 'Title t1' }] } },
    });
  });

  it('keeps the other root fields when a client error nulls one, with that error as it was', async () => {
    const { gateway } = people();
    const query = '{ people(after: "x") { next } title(id: "t1") { title } }';
    const response = await gateway.handle(post({ query }));
    expect(response.statusCode).toBe(200);
    expect(json(response.body)).toEqual({
      data: { people: null, title: { title: 'Title t1' } },
      errors: [
        {
          message: '"x" is not a cursor',
          path: ['people'],
          extensions: { code: 'BAD_USER_INPUT', module: 'people' },
        },
      ],
    });
  });

  it('keeps a module’s other root fields when one of them fails, the module built on the kit', async () => {
    const kitPeople = createGraphletHandler({
      sdl: PEOPLE_SDL,
      resolvers: {
        Query: {
          person: (_: unknown, { id }: { id: string }) => personOf(id),
          people: (_: unknown, args: { after?: string }) => PEOPLE_ROOTS.people(args),
          _people: (_: unknown, args: { ids: string[] }) => PEOPLE_ROOTS._people(args),
        },
      },
    });
    const { gateway } = people({
      invoke: createFakeInvoker({
        'turnout-people': (payload) => kitPeople(payload as GraphletEvent),
        'turnout-films': graphletHandler('films', FILMS_SDL, FILMS_ROOTS),
      }),
    });
    const query =
      '{ person(id: "n1") { name } people(after: "x") { next } title(id: "t1") { title } }';
    const body = json((await gateway.handle(post({ query }))).body);
    expect(body.data).toEqual({
      person: { name: 'Name n1' },
      people: null,
      title: { title: 'Title t1' },
    });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['people'],
        extensions: { code: 'BAD_USER_INPUT', module: 'people' },
      }),
    ]);
  });

  it('shows clients no merge field and only nullable root fields', async () => {
    const { gateway } = people({ dev: true });
    const query = '{ __schema { queryType { fields { name type { kind } } } } }';
    const body = json((await gateway.handle(post({ query }))).body);
    const fields = body.data.__schema.queryType.fields as { name: string }[];
    expect(fields.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'people', type: { kind: 'OBJECT' } },
      { name: 'person', type: { kind: 'OBJECT' } },
      { name: 'title', type: { kind: 'OBJECT' } },
    ]);
  });

  it('refuses to send a module more keys than limits.maxMergeKeys, naming the limit', async () => {
    const { gateway, invoke } = people({ limits: { maxMergeKeys: 100 } });
    const query = '{ person(id: "many") { name knownFor { title } } }';
    const body = json((await gateway.handle(post({ query }))).body);
    expect(body.data.person.name).toBe('Name many');
    expect(body.data.person.knownFor[0]).toEqual({ title: null });
    expect(body.errors[0].extensions.code).toBe('MERGE_LIMIT_EXCEEDED');
    expect(body.errors[0].message).toContain('150 objects');
    expect(body.errors[0].message).toContain('limits.maxMergeKeys');
    expect(invoke.calls.map((c) => c.functionName)).toEqual(['turnout-people']);
  });
});
