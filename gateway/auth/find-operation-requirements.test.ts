import { describe, expect, it } from 'vitest';
import type { SubgraphEntry } from '../../contracts/registry.ts';
import { buildASTSchema, parse } from '../graphql/graphql-js.ts';
import { collectFieldRequirements } from './collect-field-requirements.ts';
import { findOperationRequirements } from './find-operation-requirements.ts';

const entry = (module: string, sdl: string): SubgraphEntry => ({
  module,
  sdl,
  functionName: `turnout-${module}`,
  alias: 'live',
  tier: 'medium',
  timeoutMs: 1000,
});

const SUBGRAPHS = [
  entry(
    'titles',
    `type Title @key(selectionSet: "{ id }") { id: ID! title: String }
     type Query { title(id: ID!): Title }`,
  ),
  entry(
    'ratings',
    `type Title @key(selectionSet: "{ id }") { id: ID! rating: Float myVote: Vote @authenticated }
     type Vote @requiresScopes(scopes: [["ratings:read"]]) { stars: Int }
     type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }
     type Mutation { rateTitle(titleId: ID!, stars: Int!): Vote @requiresScopes(scopes: [["ratings:write"], ["admin"]]) }`,
  ),
];

const SCHEMA = buildASTSchema(
  parse(`directive @key(selectionSet: String) on OBJECT
type Title { id: ID! title: String rating: Float myVote: Vote }
type Vote { stars: Int }
type Query { title(id: ID!): Title }
type Mutation { rateTitle(titleId: ID!, stars: Int!): Vote }`),
);

const requirements = collectFieldRequirements(SUBGRAPHS);

function requirementsOf(query: string) {
  if (!requirements) throw new Error('no requirements collected');
  return Object.fromEntries(findOperationRequirements(SCHEMA, parse(query), requirements));
}

describe('collectFieldRequirements', () => {
  it('reads @authenticated and @requiresScopes on fields and types, from every module', () => {
    expect(requirements?.fields.get('Title.myVote')).toEqual([{ authenticated: true }]);
    expect(requirements?.fields.get('Mutation.rateTitle')).toEqual([
      { scopes: [['ratings:write'], ['admin']] },
    ]);
    expect(requirements?.types.get('Vote')).toEqual([{ scopes: [['ratings:read']] }]);
  });

  it('reads nothing when no module states a requirement', () => {
    expect(collectFieldRequirements([SUBGRAPHS[0] as SubgraphEntry])).toBeUndefined();
  });
});

describe('findOperationRequirements', () => {
  it('lists nothing for an operation of open fields', () => {
    expect(requirementsOf('{ title(id: "t1") { id title rating } }')).toEqual({});
  });

  it('lists a guarded field, and the guard of the type it returns, by operation', () => {
    expect(
      requirementsOf(
        'query Mine { title(id: "t1") { myVote { stars } } } query Open { title(id: "t1") { title } }',
      ),
    ).toEqual({
      Mine: [
        { coordinate: 'Title.myVote', requirement: { authenticated: true } },
        { coordinate: 'Title.myVote', requirement: { scopes: [['ratings:read']] } },
      ],
    });
  });

  it('follows fragments, nested ones included', () => {
    const query = `mutation { rateTitle(titleId: "t1", stars: 9) { ...V } }
      fragment V on Vote { ...S }
      fragment S on Vote { stars }`;
    expect(requirementsOf(query)['']).toEqual([
      { coordinate: 'Mutation.rateTitle', requirement: { scopes: [['ratings:write'], ['admin']] } },
      { coordinate: 'Mutation.rateTitle', requirement: { scopes: [['ratings:read']] } },
    ]);
  });
});
