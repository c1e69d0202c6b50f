import { describe, expect, it } from 'vitest';
import { createGateway } from '../create-gateway.ts';
import {
  createFakeInvoker,
  type FakeHandler,
  generationOf,
  graphletHandler,
  subgraph,
} from '../testing/fake-modules.ts';

const NAMES = `type Name @key(selectionSet: "{ id }") { id: ID! name: String! knownFor: [Title!]! best: Title }
type Title @key(selectionSet: "{ id }") { id: ID! }
type Query { name(id: ID!): Name names(ids: [ID!]!): [Name]! must: Name! }`;
const TITLES = `type Title @key(selectionSet: "{ id }") { id: ID! title: String! year: Int }
type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }`;
const RATINGS = `type Title @key(selectionSet: "{ id }") { id: ID! rating: Float votes: Int detail: Detail }
type Detail { stars: Float! count: Int! }
type Query { _ratings(ids: [ID!]!): [Title]! @merge(keyField: "id") }`;

const person = (id: string) => ({
  id,
  name: `Name ${id}`,
  knownFor: [{ id: 't1' }, { id: 't2' }, { id: 't3' }],
  best: { id: 't9' },
});
const ROOTS = {
  names: {
    name: ({ id }: { id: string }) => person(id),
    names: ({ ids }: { ids: string[] }) => ids.map(person),
    must: () => person('m'),
  },
  titles: {
    _titles: ({ ids }: { ids: string[] }) =>
      ids.map((id) => ({ id, title: `Title ${id}`, year: 1990 })),
  },
  ratings: {
    _ratings: ({ ids }: { ids: string[] }) =>
      ids.map((id) =>
        id === 't2' ? null : { id, rating: 8.1, votes: 3, detail: { stars: 8.1, count: 3 } },
      ),
  },
};

/** The response key of the first root field a module was asked for (planner and graphql-tools alias differently). */
const firstKey = (payload: unknown) =>
  /\{\s*(\w+)\s*[:(]/.exec((payload as { query: string }).query)?.[1] ?? '';
const boom: FakeHandler = () => {
  throw new Error('boom');
};

async function answer(queryPlanner: boolean, query: string, handlers: Record<string, FakeHandler>) {
  const invoke = createFakeInvoker({
    'turnout-names': graphletHandler('names', NAMES, ROOTS.names),
    'turnout-titles': graphletHandler('titles', TITLES, ROOTS.titles),
    'turnout-ratings': graphletHandler('ratings', RATINGS, ROOTS.ratings),
    ...handlers,
  });
  const generation = generationOf(1, [
    subgraph('names', NAMES),
    subgraph('titles', TITLES),
    subgraph('ratings', RATINGS),
  ]);
  const gateway = createGateway({
    registry: { load: async () => generation, peekNewest: async () => 1 },
    invoke,
    queryPlanner,
  });
  const [text, variables] = query.split(' VARS ');
  const response = await gateway.handle({
    method: 'POST',
    path: '/graphql',
    // One id for both paths: masked errors name it.
    requestId: 'req-1',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: Buffer.from(
      JSON.stringify({ query: text, variables: variables ? JSON.parse(variables) : undefined }),
    ),
  });
  gateway.stop();
  const modules = invoke.calls.map((c) => c.functionName).sort();
  return { status: response.statusCode, body: JSON.parse(String(response.body)), modules };
}

const KNOWN_FOR = '{ name(id: "n1") { name knownFor { id title rating votes } } }';

describe('the query planner against graphql-tools', () => {
  it.each<[string, string, Record<string, FakeHandler>]>([
    ['a two-level query', KNOWN_FOR, {}],
    [
      'aliases, __typename and a repeated field',
      '{ __typename n: name(id: "n1") { __typename i: id knownFor { t: title id r: rating } knownFor { year } } }',
      {},
    ],
    [
      'fragments, variables and @skip',
      'query Q($id: ID!, $s: Boolean!) { name(id: $id) { ...F knownFor { ... on Title { rating @skip(if: $s) votes @include(if: $s) } } } } fragment F on Name { name knownFor { title } } VARS {"id":"n1","s":false}',
      {},
    ],
    [
      'lists of merge points at two places, one invoke per module',
      '{ names(ids: ["a", "b"]) { knownFor { title rating } best { rating year } } }',
      {},
    ],
    ['a module that fails under merged fields', KNOWN_FOR, { 'turnout-ratings': boom }],
    [
      'a module that fails under two roots',
      '{ a: name(id: "n1") { name knownFor { id rating } } b: name(id: "n2") { knownFor { rating title } } }',
      { 'turnout-ratings': boom },
    ],
    [
      'a failing root module',
      '{ a: name(id: "n1") { name } b: name(id: "n2") { name } }',
      { 'turnout-names': boom },
    ],
    ['a failing non-null root', '{ must { name } }', { 'turnout-names': boom }],
    [
      'errors at paths inside a merge',
      '{ name(id: "n1") { knownFor { id rating } } }',
      {
        'turnout-ratings': (payload) => {
          const key = firstKey(payload);
          return {
            data: { [key]: [{ rating: null }, { rating: 2 }, { rating: null }] },
            errors: [{ message: 'bad', path: [key, 2, 'rating'] }],
          };
        },
      },
    ],
    [
      'errors without a path inside a merge',
      '{ name(id: "n1") { knownFor { rating } } }',
      { 'turnout-ratings': () => ({ data: null, errors: [{ message: 'no path' }] }) },
    ],
    [
      'root errors at a list item and a non-null field',
      '{ names(ids: ["a", "b"]) { name } }',
      {
        'turnout-names': () => ({
          data: { names: [{ name: 'a' }, { name: null }] },
          errors: [{ message: 'x', path: ['names', 1, 'name'] }],
        }),
      },
    ],
    [
      'a root error with a code',
      '{ name(id: "n1") { name knownFor { id } } }',
      {
        'turnout-names': () => ({
          data: { name: null },
          errors: [{ message: 'nf', path: ['name'], extensions: { code: 'NOT_FOUND' } }],
        }),
      },
    ],
    [
      'a merge answering fewer items than asked',
      '{ name(id: "n1") { knownFor { id rating } } }',
      { 'turnout-ratings': (payload) => ({ data: { [firstKey(payload)]: [{ rating: 1 }] } }) },
    ],
    [
      'a merge answering an empty list',
      '{ name(id: "n1") { knownFor { id title rating } } }',
      { 'turnout-ratings': (payload) => ({ data: { [firstKey(payload)]: [] } }) },
    ],
    [
      'a merge answering a value of the wrong type',
      '{ name(id: "n1") { knownFor { id rating } } }',
      {
        'turnout-ratings': (payload) => ({
          data: { [firstKey(payload)]: [{ rating: 'high' }, null, null] },
        }),
      },
    ],
    [
      'a module answering null for a non-null field',
      '{ names(ids: ["a"]) { id name } }',
      { 'turnout-names': () => ({ data: { names: [{ id: 'a', name: null }] } }) },
    ],
    [
      'a failing module under a non-null field in a list',
      '{ name(id: "n1") { name knownFor { id title } } }',
      { 'turnout-titles': boom },
    ],
    [
      'one field asked twice, each time with other fields of a merged object under it',
      '{ n: names(ids: ["a", "b"]) { knownFor { detail { s: stars } title } } n: names(ids: ["a", "b"]) { knownFor { detail { count } } best { detail { stars } } } }',
      {},
    ],
    [
      'an invalid variable',
      'query ($id: ID!) { name(id: $id) { name } } VARS {"id": {"no": 1}}',
      {},
    ],
  ])('answers %s as graphql-tools does', async (_case, query, handlers) => {
    const planned = await answer(true, query, handlers);
    const stitched = await answer(false, query, handlers);
    expect(planned.status).toBe(stitched.status);
    expect(planned.body).toEqual(stitched.body);
    expect(planned.modules).toEqual(stitched.modules);
  });

  it('plans each query once per document and reuses the printed module queries', async () => {
    const invoke = createFakeInvoker({
      'turnout-names': graphletHandler('names', NAMES, ROOTS.names),
      'turnout-titles': graphletHandler('titles', TITLES, ROOTS.titles),
      'turnout-ratings': graphletHandler('ratings', RATINGS, ROOTS.ratings),
    });
    const generation = generationOf(1, [
      subgraph('names', NAMES),
      subgraph('titles', TITLES),
      subgraph('ratings', RATINGS),
    ]);
    const gateway = createGateway({
      registry: { load: async () => generation, peekNewest: async () => 1 },
      invoke,
    });
    const query = 'query ($id: ID!) { name(id: $id) { knownFor { title rating } } }';
    for (const id of ['n1', 'n2']) {
      await gateway.handle({
        method: 'POST',
        path: '/graphql',
        rawQueryString: '',
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ query, variables: { id } })),
      });
    }
    gateway.stop();
    const sent = invoke.calls.map((c) => JSON.parse(c.payload) as { query: string });
    expect(sent).toHaveLength(6);
    expect(new Set(sent.map((p) => p.query)).size).toBe(3);
    // The planner's merge queries alias each batch `_<step>`; graphql-tools' do not.
    expect(sent.filter((p) => /_0:_(titles|ratings)\(/.test(p.query))).toHaveLength(4);
    // Compact text: every byte of it is sent, hashed into the signature and parsed.
    expect(sent[0]?.query).toBe('query($id:ID!){name(id:$id){knownFor{id}}}');
    expect(sent.map((p) => p.query)).toContain(
      'query($_0_ids:[ID!]!){_0:_titles(ids:$_0_ids){title}}',
    );
    for (const { query } of sent) expect(query).not.toMatch(/\n|[{:,] /);
  });
});
