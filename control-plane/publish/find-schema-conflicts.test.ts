import { describe, expect, it } from 'vitest';
import { buildSubgraphSchema } from './build-subgraph-schema.ts';
import { findSchemaConflicts } from './find-schema-conflicts.ts';

const moduleSchema = (module: string, sdl: string) => ({
  module,
  schema: buildSubgraphSchema(sdl),
});

describe('findSchemaConflicts', () => {
  it('accepts the same @merge entry point in two modules', () => {
    const merge = '_titles(ids: [ID!]!): [Title]! @merge(keyField: "id")';
    const a = moduleSchema(
      'titles',
      `type Title @key(selectionSet: "{ id }") { id: ID! name: String } type Query { ${merge} }`,
    );
    const b = moduleSchema(
      'ratings',
      `type Title @key(selectionSet: "{ id }") { id: ID! rating: Int } type Query { ${merge} }`,
    );
    expect(findSchemaConflicts(b, [a])).toEqual([]);
  });

  it('accepts an enum two modules define alike', () => {
    const a = moduleSchema('a', 'enum Genre { DRAMA COMEDY } type Query { a: Genre }');
    const b = moduleSchema('b', 'enum Genre { COMEDY DRAMA } type Query { b: Genre }');
    expect(findSchemaConflicts(b, [a])).toEqual([]);
  });

  it('rejects an enum two modules define differently', () => {
    const a = moduleSchema('a', 'enum Genre { DRAMA COMEDY } type Query { a: Genre }');
    const b = moduleSchema('b', 'enum Genre { DRAMA HORROR } type Query { b: Genre }');
    expect(findSchemaConflicts(b, [a])).toEqual([
      expect.objectContaining({ code: 'TYPE_CONFLICT', coordinate: 'Genre', otherModule: 'a' }),
    ]);
  });

  it('rejects a name that is a type in one module and an enum in another', () => {
    const a = moduleSchema('a', 'type Genre { id: ID } type Query { a: Genre }');
    const b = moduleSchema('b', 'enum Genre { DRAMA } type Query { b: Genre }');
    expect(findSchemaConflicts(b, [a])[0]?.message).toContain('an enum here and an object type');
  });

  it('rejects a mutation another module serves', () => {
    const a = moduleSchema('a', 'type Query { a: Int } type Mutation { rate(id: ID!): Int }');
    const b = moduleSchema('b', 'type Query { b: Int } type Mutation { rate(id: ID!): Int }');
    expect(findSchemaConflicts(b, [a])).toEqual([
      expect.objectContaining({ code: 'ROOT_FIELD_CONFLICT', coordinate: 'Mutation.rate' }),
    ]);
  });
});
