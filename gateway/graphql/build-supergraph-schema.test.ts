import { lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../control-plane/publish/index.ts';
import { NAMES_SDL, RATINGS_SDL, subgraph, TITLES_SDL } from '../testing/fake-modules.ts';
import { buildSupergraphSchema, toClientStitchedSchema } from './build-supergraph-schema.ts';

const noExecutor = () => async () => ({ data: null });
const print = (schema: Parameters<typeof printSchema>[0]) =>
  printSchema(lexicographicSortSchema(schema));

describe('buildSupergraphSchema', () => {
  it('serves the same schema that publish composed and checked', () => {
    const subgraphs = [
      subgraph('titles', TITLES_SDL),
      subgraph('ratings', RATINGS_SDL),
      subgraph('names', NAMES_SDL),
    ];
    expect(print(buildSupergraphSchema(subgraphs, noExecutor))).toBe(
      print(composeSupergraph(subgraphs)),
    );
  });
});

describe('toClientStitchedSchema', () => {
  const names = `
type Name @key(selectionSet: "{ id }") { id: ID! name: String! }
type Query { name(id: ID!): Name! _names(ids: [ID!]!): [Name]! @merge(keyField: "id") }`;

  it.each([
    ['', ''],
    [
      'a type that refers to Query',
      'type Payload { query: Query } type Mutation { touch: Payload }',
    ],
  ])('leaves out the merge fields and makes root fields nullable, with %s', (_case, extra) => {
    const schema = buildSupergraphSchema([subgraph('names', `${names}\n${extra}`)], noExecutor);
    const client = printSchema(toClientStitchedSchema(schema, new Set(['_names'])));
    expect(client).toContain('type Query {\n  name(id: ID!): Name\n}');
    expect(client).toContain('name: String!');
  });
});
