import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NAMES_SDL, RATINGS_SDL, subgraph, TITLES_SDL } from '../testing/fake-modules.ts';
import { createPlannerContext } from './create-planner-context.ts';
import { planQuery } from './plan-query.ts';

const context = createPlannerContext([
  subgraph('names', NAMES_SDL),
  subgraph('titles', TITLES_SDL),
  subgraph('ratings', RATINGS_SDL),
]);
const plain = buildSchema(`
  type Name { id: ID! name: String! knownFor: [Title!]! }
  type Title { id: ID! title: String rating: Float }
  type Query { name(id: ID!): Name _names(ids: [ID!]!): [Name]! _titles(ids: [ID!]!): [Title]! _ratings(ids: [ID!]!): [Title]! }
`);
const KNOWN_FOR = 'query ($id: ID!) { name(id: $id) { name knownFor { title rating } } }';

describe('planQuery', () => {
  it('plans the root fetch and one merge step per module that owns merged fields', () => {
    const plan = planQuery(context, plain, parse(KNOWN_FOR), undefined);
    expect(plan?.fetches.map((f) => [f.module, f.query])).toEqual([
      ['names', 'query($id:ID!){name(id:$id){name knownFor{id}}}'],
    ]);
    expect(plan?.fetches[0]?.merges.map((m) => [m.module, m.fieldName, m.path])).toEqual([
      ['titles', '_titles', ['name', 'knownFor']],
      ['ratings', '_ratings', ['name', 'knownFor']],
    ]);
  });

  it('compiles the result shaper and the variables check with the plan', () => {
    const plan = planQuery(context, plain, parse(KNOWN_FOR), undefined);
    expect(plan?.variablesCheck?.({ id: 'n1' })).toBe(true);
    expect(plan?.shape?.({ name: null })).toEqual({ data: { name: null } });
  });

  it('compiles the check of each module’s answer with the plan', () => {
    const plan = planQuery(context, plain, parse(KNOWN_FOR), undefined);
    const fetch = plan?.fetches[0];
    const person = { name: 'N', knownFor: [{ id: 7 }] };
    expect(fetch?.check({ name: person }, false, { id: 'n1' })).toBe(
      'name.knownFor.0.id: a number where ID belongs',
    );
    expect(fetch?.merges[0]?.answerContract).toMatchObject({
      listNonNull: true,
      itemNonNull: false,
    });
  });

  it('freezes the plan, its fetches and its merge steps once built', () => {
    const plan = planQuery(context, plain, parse(KNOWN_FOR), undefined);
    const fetch = plan?.fetches[0];
    const step = fetch?.merges[0];
    for (const frozen of [plan, plan?.fetches, fetch, fetch?.merges, step, step?.path]) {
      expect(Object.isFrozen(frozen)).toBe(true);
    }
  });

  it('leaves mutations to graphql-tools', () => {
    const mutation = parse('mutation { rename(id: "n1", name: "x") { name } }');
    expect(planQuery(context, plain, mutation, undefined)).toBeUndefined();
  });
});
