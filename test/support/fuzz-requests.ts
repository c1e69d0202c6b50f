/**
 * What a hostile client sends a gateway, made from a seed so that a failure can be
 * replayed: malformed bodies, odd paths and methods, huge or wrong variables, and
 * random valid queries over the schema clients are served.
 */
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';

export interface FuzzRequest {
  kind: 'malformed body' | 'odd path' | 'variables' | 'valid query';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** A small, fast PRNG (mulberry32): the same seed makes the same requests. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

export type Random = ReturnType<typeof createRandom>;

const JSON_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json',
};

/** Bodies no GraphQL server should choke on. */
export function malformedBody(random: Random): FuzzRequest {
  const bodies: (() => string | Buffer)[] = [
    () => '',
    () => '{',
    () => '{"query": "{',
    () => 'null',
    () => '[]',
    () => '"just a string"',
    () => '{"query": 5}',
    () => '{"query": null}',
    () => '{"query": ["{ __typename }"]}',
    () => '{"query": "{ __typename }", "variables": "x"}',
    () => '{"query": "{ __typename }", "variables": [1, 2]}',
    () => '{"query": "{ __typename }", "operationName": 7}',
    () => '{"query": "{ __typename }", "extensions": {"persistedQuery": {"sha256Hash": "x"}}}',
    () => `{"query": "${'{ a '.repeat(3000)}"}`,
    () => `{"query": "query { ${'__typename '.repeat(3000)} }"}`,
    () => `{"query": "${'{'.repeat(5000)}${'}'.repeat(5000)}"}`,
    () => `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    () => `{"query": "{ __typename }", "variables": ${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`,
    () => Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0xc3, 0x28]),
    () => Buffer.from(Array.from({ length: 512 }, () => random.int(256))),
    () => `{"query": "{ name(id: \\"${'\\u0000'.repeat(50)}\\") { name } }"}`,
    () => '{"query": "mutation { rateTitle(titleId: 1) }"}',
    () => '{"query": "subscription { x }"}',
    () => '{"query": "{ __schema { types { name } } }"}',
    () => '{"query": "query A { __typename } query A { __typename }"}',
    () => '{"query": "query A { __typename } query B { __typename }"}',
    () => '{"query": "fragment F on Query { ...F } { ...F }"}',
    () => '{"query": "{ __typename @skip(if: \\"yes\\") }"}',
  ];
  const headerSets: Record<string, string>[] = [
    JSON_HEADERS,
    { ...JSON_HEADERS, 'content-type': 'text/plain' },
    { ...JSON_HEADERS, 'content-type': 'application/json; charset=latin1' },
    { ...JSON_HEADERS, accept: 'image/png' },
    { 'content-type': 'application/graphql', accept: '*/*' },
    {},
  ];
  return {
    kind: 'malformed body',
    method: 'POST',
    path: '/graphql',
    headers: random.pick(headerSets),
    body: random.pick(bodies)(),
  };
}

/** Paths and methods a router might read differently from the module behind it. */
export function oddPath(random: Random): FuzzRequest {
  const paths = [
    '/',
    '//',
    '/..',
    '/../graphql',
    '/graphql/',
    '//graphql',
    '/graphql/..',
    '/./graphql',
    '/%2e%2e/graphql',
    '/%2Fgraphql',
    '/hello',
    '/hello/',
    '/hello/../hello',
    '/hello/%2F..%2F_turnout%2Fhealth',
    '/hello\\..\\graphql',
    '/hello//there',
    '/hello/%00',
    '/hello/%zz',
    '/hello/%C3%BC',
    `/hello/${'a'.repeat(6000)}`,
    `/${'x/'.repeat(500)}`,
    '/_turnout/health',
    '/_turnout/health/../live',
    '/_turnout/live',
    '/_turnout/live?x=1',
    '/nowhere',
    '/HELLO',
    '/hello?name=%ff',
    '/hello?name=a&name=b&name=c',
    `/hello?${'q=1&'.repeat(500)}`,
  ];
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND'];
  const method = random.pick(methods);
  const hasBody = method !== 'GET' && method !== 'HEAD' && random.chance(0.5);
  return {
    kind: 'odd path',
    method,
    path: random.pick(paths),
    headers: random.chance(0.5) ? JSON_HEADERS : { 'x-turnout-csrf': '1' },
    body: hasBody ? '{"query": "{ __typename }"}' : undefined,
  };
}

/** Variables of the wrong type, undeclared, huge or deep, against queries that declare some. */
export function oddVariables(random: Random, ids: readonly string[]): FuzzRequest {
  const manyIds = Array.from({ length: 60_000 }, (_, i) => `nm${String(i).padStart(7, '0')}`);
  const queries = [
    'query ($id: ID!) { name(id: $id) { name } }',
    'query ($id: ID!, $first: Int) { name(id: $id) { name knownFor(first: $first) { title } } }',
    'query ($first: Int, $after: String) { people(first: $first, after: $after) { nextCursor items { name } } }',
  ];
  const variables = [
    () => ({}),
    () => ({ id: null }),
    () => ({ id: 7 }),
    () => ({ id: { nested: true } }),
    () => ({ id: random.pick(ids), first: 'many' }),
    () => ({ id: random.pick(ids), first: 2 ** 40 }),
    () => ({ id: random.pick(ids), first: -3 }),
    () => ({ id: random.pick(ids), first: 1.5 }),
    () => ({ id: 'x'.repeat(900_000) }),
    () => ({ id: manyIds }),
    () => ({ after: manyIds.join(',') }),
    () => ({ after: 'x', first: 0 }),
    () => ({ undeclared: manyIds }),
    () => JSON.parse(`{"id": "${random.pick(ids)}", "__proto__": {"polluted": true}}`),
    () => JSON.parse(`{"id": ${'['.repeat(2000)}"nm0000329"${']'.repeat(2000)}}`),
  ];
  return {
    kind: 'variables',
    method: 'POST',
    path: '/graphql',
    headers: JSON_HEADERS,
    body: JSON.stringify({ query: random.pick(queries), variables: random.pick(variables)() }),
  };
}

/** A random query the schema validates: fields, arguments from `ids`, aliases, fragments. */
export function validQuery(
  random: Random,
  schema: GraphQLSchema,
  ids: readonly string[],
): FuzzRequest {
  const query = schema.getQueryType();
  if (!query) throw new Error('the schema has no Query type');
  const state = { random, ids, aliases: 0 };
  const fields = selectFields(state, query, 4);
  const body = JSON.stringify({ query: `{ ${fields} }` });
  return { kind: 'valid query', method: 'POST', path: '/graphql', headers: JSON_HEADERS, body };
}

interface QueryState {
  random: Random;
  ids: readonly string[];
  aliases: number;
}

function selectFields(state: QueryState, type: GraphQLNamedType, depth: number): string {
  if (isAbstractType(type)) return '__typename';
  if (!isObjectType(type)) return '';
  const all = Object.values(type.getFields()).filter(
    (f) => depth > 1 || isLeafType(getNamedType(f.type)),
  );
  if (all.length === 0) return '__typename';
  const count = 1 + state.random.int(Math.min(4, all.length));
  const chosen: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const printed = field(state, state.random.pick(all), depth, used);
    if (printed) chosen.push(printed);
  }
  if (state.random.chance(0.1)) chosen.push('__typename');
  return chosen.join(' ');
}

function field(
  state: QueryState,
  definition: GraphQLField<unknown, unknown>,
  depth: number,
  used: Set<string>,
): string | undefined {
  const { random } = state;
  const args = definition.args
    .filter((arg) => isNonNullType(arg.type) || random.chance(0.5))
    .map((arg) => `${arg.name}: ${inputValue(state, arg.type, 0)}`);
  // A field asked again with arguments needs an alias of its own to stay valid; the
  // gateway allows 30 aliases.
  const clash = definition.args.length > 0 && used.has(definition.name);
  if (clash && state.aliases >= 25) return undefined;
  const alias = clash || (state.aliases < 10 && random.chance(0.3)) ? `a${state.aliases++}: ` : '';
  if (!alias) used.add(definition.name);
  const head = `${alias}${definition.name}${args.length > 0 ? `(${args.join(', ')})` : ''}`;
  const named = getNamedType(definition.type as GraphQLOutputType);
  if (isLeafType(named)) return head;
  return `${head} { ${selectFields(state, named, depth - 1) || '__typename'} }`;
}

function inputValue(state: QueryState, type: GraphQLInputType, depth: number): string {
  const { random } = state;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (!isNonNullType(type) && random.chance(0.1)) return 'null';
  if (isListType(inner)) {
    const items = Array.from({ length: random.int(4) }, () =>
      inputValue(state, inner.ofType, depth + 1),
    );
    return `[${items.join(', ')}]`;
  }
  if (isEnumType(inner)) return random.pick(inner.getValues()).name;
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields())
      .filter((f) => isNonNullType(f.type) || random.chance(0.5))
      .map((f) => `${f.name}: ${inputValue(state, f.type, depth + 1)}`);
    return `{ ${fields.join(', ')} }`;
  }
  switch (inner.name) {
    case 'Int':
      return String(random.pick([-1, 0, 1, 2, 4, 20, 100, 101, 1000, 2147483647]));
    case 'Float':
      return String(random.pick([-1.5, 0, 3.14, 1e300]));
    case 'Boolean':
      return random.pick(['true', 'false']);
    case 'ID':
      return JSON.stringify(random.pick(state.ids));
    default:
      return JSON.stringify(
        random.pick(['', 'x', 'abc', 'eyJ4Ijo1fQ', 'Z'.repeat(300), ...state.ids]),
      );
  }
}
