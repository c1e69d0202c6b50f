import { describe, expect, it } from 'vitest';
import { buildSubgraphSchema } from './build-subgraph-schema.ts';
import { composeSupergraph } from './compose-supergraph.ts';
import { findAccessConflicts } from './find-access-conflicts.ts';

const titles = /* GraphQL */ `
  type Title @key(selectionSet: "{ id }") { id: ID! title: String }
  type Query { title(id: ID!): Title _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }
`;
const ratings = (guard: string) => /* GraphQL */ `
  type Title @key(selectionSet: "{ id }") ${guard} { id: ID! rating: Float }
  type Vote { stars: Int! }
  type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }
  type Mutation { rateTitle(titleId: ID!, stars: Int!): Vote! @requiresScopes(scopes: [["ratings:write"]]) }
`;

const module = (name: string, sdl: string) => ({ module: name, schema: buildSubgraphSchema(sdl) });

describe('findAccessConflicts', () => {
  it('accepts guards on what a module alone serves', () => {
    expect(findAccessConflicts(module('ratings', ratings('')), [module('titles', titles)])).toEqual(
      [],
    );
  });

  it('refuses a shared type one module guards and the other does not, naming both', () => {
    const problems = findAccessConflicts(module('ratings', ratings('@authenticated')), [
      module('titles', titles),
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'ACCESS_CONFLICT',
        coordinate: 'Title',
        otherModule: 'titles',
        message: 'Title requires a signed-in caller here and nothing in module "titles".',
      }),
    ]);
  });

  it('refuses a shared field guarded with other scopes', () => {
    const mine = module(
      'a',
      'type T @key(selectionSet: "{ id }") { id: ID! @requiresScopes(scopes: [["x"]]) } type Query { _t(ids: [ID!]!): [T]! @merge(keyField: "id") }',
    );
    const theirs = module(
      'b',
      'type T @key(selectionSet: "{ id }") { id: ID! @requiresScopes(scopes: [["y"]]) n: Int } type Query { _t(ids: [ID!]!): [T]! @merge(keyField: "id") }',
    );
    expect(findAccessConflicts(mine, [theirs]).map((p) => p.coordinate)).toEqual(['T.id']);
  });

  it('takes the same scopes in another order as the same guard', () => {
    const mine = module(
      'a',
      'type T @key(selectionSet: "{ id }") @requiresScopes(scopes: [["x", "y"], ["z"]]) { id: ID! } type Query { _t(ids: [ID!]!): [T]! @merge(keyField: "id") }',
    );
    const theirs = module(
      'b',
      'type T @key(selectionSet: "{ id }") @requiresScopes(scopes: [["z"], ["y", "x"]]) { id: ID! n: Int } type Query { _t(ids: [ID!]!): [T]! @merge(keyField: "id") }',
    );
    expect(findAccessConflicts(mine, [theirs])).toEqual([]);
  });

  it('refuses an empty scope set, which no caller could meet', () => {
    const mine = module('a', 'type Query { secret: String @requiresScopes(scopes: [[]]) }');
    expect(findAccessConflicts(mine, [])).toEqual([
      expect.objectContaining({ code: 'INVALID_ACCESS', coordinate: 'Query.secret' }),
    ]);
  });
});

describe('composing modules that guard fields', () => {
  it('composes, the guards defined by the kit', () => {
    const entry = (name: string, sdl: string) => ({
      module: name,
      sdl,
      functionName: `turnout-${name}`,
      alias: 'live',
      tier: 'medium' as const,
      timeoutMs: 1000,
    });
    const schema = composeSupergraph([entry('titles', titles), entry('ratings', ratings(''))]);
    expect(schema.getMutationType()?.getFields().rateTitle).toBeDefined();
  });
});
