import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGraphletHandler } from './create-graphlet-handler.ts';
import { resolveByKeys } from './resolve-by-keys.ts';

const sdl = /* GraphQL */ `
  type Title @key(selectionSet: "{ id }") {
    id: ID!
    rating: Float
  }
  type Query {
    topRated: [Title!]!
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
    failing: String
    broken: String!
    whoAmI: String
  }
`;

const ratings = [
  { id: 'tt1', rating: 9.1 },
  { id: 'tt2', rating: 7.5 },
];

function ratingsHandler(
  load = vi.fn((ids: string[]) => ratings.filter((r) => ids.includes(r.id))),
) {
  const handler = createGraphletHandler<{ user?: string }>({
    sdl,
    resolvers: {
      Query: {
        topRated: () => ratings,
        _titles: resolveByKeys(load),
        failing: () => {
          throw Object.assign(new Error('Ratings are read-only today'), { code: 'READ_ONLY' });
        },
        broken: () => {
          throw new Error('no such page');
        },
        whoAmI: (_: unknown, __: unknown, context: { user?: string }) => context.user ?? null,
      },
    },
  });
  return { handler, load };
}

describe('createGraphletHandler', () => {
  it('answers a query with data', async () => {
    const { handler } = ratingsHandler();
    const result = await handler({ query: '{ topRated { id rating } }' });
    expect(result).toEqual({ data: { topRated: ratings } });
  });

  it('answers a whole merge level with one call, in the order of the keys', async () => {
    const { handler, load } = ratingsHandler();
    const result = await handler({
      query: 'query ($ids: [ID!]!) { _titles(ids: $ids) { id rating } }',
      variables: { ids: ['tt2', 'tt404', 'tt1'] },
    });
    expect(result.data?._titles).toEqual([ratings[1], null, ratings[0]]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('serves its own SDL through _sdl', async () => {
    const { handler } = ratingsHandler();
    expect(await handler({ query: '{ _sdl }' })).toEqual({ data: { _sdl: sdl } });
  });

  it('builds when the SDL declares the stitching directives itself', async () => {
    const withDirectives = `directive @key(selectionSet: String!) on OBJECT\n${sdl}`;
    const handler = createGraphletHandler({ sdl: withDirectives, resolvers: {} });
    expect((await handler({ query: '{ __typename }' })).data).toEqual({ __typename: 'Query' });
  });

  it('serves _sdl when the SDL only extends Query', async () => {
    const handler = createGraphletHandler({
      sdl: 'type Image { url: String } extend type Query { image: Image }',
      resolvers: { Query: { image: () => ({ url: 'a.png' }) } },
    });
    const result = await handler({ query: '{ image { url } _sdl }' });
    expect(result.data?.image).toEqual({ url: 'a.png' });
  });

  it('passes the gateway context through the context factory', async () => {
    const handler = createGraphletHandler({
      sdl,
      resolvers: { Query: { whoAmI: (_: unknown, __: unknown, c: { user: string }) => c.user } },
      context: (gateway) => ({ user: `user:${String(gateway.caller)}` }),
    });
    const result = await handler({ query: '{ whoAmI }', context: { caller: 'ana' } });
    expect(result.data).toEqual({ whoAmI: 'user:ana' });
  });

  it('reports a resolver error with its code and without a stack', async () => {
    const { handler } = ratingsHandler();
    const result = await handler({ query: '{ failing }' });
    expect(result.errors).toEqual([
      {
        message: 'Ratings are read-only today',
        locations: [{ line: 1, column: 3 }],
        path: ['failing'],
        extensions: { code: 'READ_ONLY' },
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('    at ');
  });

  it('answers the other root fields when one non-null root field fails', async () => {
    const { handler } = ratingsHandler();
    const result = await handler({ query: '{ topRated { id } broken whoAmI }' });
    expect(result.data).toEqual({
      topRated: [{ id: 'tt1' }, { id: 'tt2' }],
      broken: null,
      whoAmI: null,
    });
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['broken'], message: 'no such page' }),
    ]);
  });

  it('rejects a query that does not parse, with its location', async () => {
    const { handler } = ratingsHandler();
    const result = await handler({ query: '{ topRated { id ' });
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Syntax Error'),
      locations: [{ line: 1, column: 17 }],
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(result.data).toBeUndefined();
  });

  it('rejects a query that asks for an unknown field', async () => {
    const { handler } = ratingsHandler();
    const result = await handler({ query: '{ topRated { name } }' });
    expect(result.errors?.[0]).toMatchObject({
      message: 'Cannot query field "name" on type "Title".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('answers the same query text from its document cache', async () => {
    const { handler } = ratingsHandler();
    const first = await handler({ query: '{ topRated { id } }' });
    const second = await handler({ query: '{ topRated { id } }' });
    expect(second).toEqual(first);
  });

  it('rejects an invoke payload without a query', async () => {
    const { handler } = ratingsHandler();
    const result = await handler({} as never);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
  });

  it('reports a failing context factory as an error, not a crash', async () => {
    const handler = createGraphletHandler({
      sdl,
      resolvers: {},
      context: () => {
        throw new Error('no session');
      },
    });
    const result = await handler({ query: '{ __typename }' });
    expect(result.errors?.[0]?.message).toBe('no session');
  });

  describe('in Lambda', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
    });

    it("counts each answer for its version: a resolver that threw is the module's error, a bad query the client's", async () => {
      vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'turnout-ratings');
      vi.stubEnv('AWS_LAMBDA_FUNCTION_VERSION', '9');
      const { handler } = ratingsHandler();
      const lines: string[] = [];
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
      await handler({ query: '{ topRated { id } }' });
      await handler({ query: '{ failing }' });
      await handler({ query: '{ nope }' });
      const records = lines.map((line) => JSON.parse(line));
      expect(records.map((r) => [r.ExecutedVersion, r.ServerErrors, r.ClientErrors])).toEqual([
        ['9', 0, 0],
        ['9', 1, 0],
        ['9', 0, 1],
      ]);
    });
  });
});
