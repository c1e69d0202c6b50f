import { type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildContractSchema } from './build-contract-schema.ts';
import { compileOperationCheck } from './compile-operation-check.ts';

const schema = buildContractSchema(`
  type Title @key(selectionSet: "{ id }") { id: ID! title: String! }
  type Query {
    title(id: ID!): Title
    top: Title!
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
  }
  type Mutation { rename(id: ID!, title: String!): Title! }
`);

function checkOf(query: string, root = 'Query') {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  return compileOperationCheck(schema, root, [operation.selectionSet], new Map());
}

describe('compileOperationCheck', () => {
  it('checks root fields by the module’s schema', () => {
    const check = checkOf('{ t: title(id: "tt1") { title } }');
    expect(check({ t: { title: 'Heat' } }, false, undefined)).toBeUndefined();
    expect(check({ t: { title: null } }, false, undefined)).toBe(
      't.title: null where String! belongs',
    );
  });

  it('takes a null non-null root field when the answer carries errors, and only then', () => {
    const check = checkOf('{ top { title } t: title(id: "tt1") { title } }');
    const answer = { top: null, t: { title: 'Heat' } };
    expect(check(answer, true, undefined)).toBeUndefined();
    expect(check(answer, false, undefined)).toBe('top: null where Title! belongs');
    expect(check({ top: { title: null }, t: null }, true, undefined)).toBe(
      'top.title: null where String! belongs',
    );
  });

  it('counts a merge field’s entries against the keys in its variable', () => {
    const check = checkOf('query ($k: [ID!]!) { _v0: _titles(ids: $k) { title } }');
    const two = { k: ['tt1', 'tt2'] };
    expect(check({ _v0: [{ title: 'a' }, null] }, false, two)).toBeUndefined();
    expect(check({ _v0: [] }, false, two)).toBe('_v0: 0 entries for 2 keys');
  });

  it('counts a merge field’s entries against keys written in the query', () => {
    const check = checkOf('{ _titles(ids: ["tt1", "tt2"]) { id } }');
    expect(check({ _titles: [{ id: 'tt1' }] }, false, undefined)).toBe(
      '_titles: 1 entries for 2 keys',
    );
    expect(check({ _titles: [{ id: 'tt2' }, { id: 'tt1' }] }, false, undefined)).toBe(
      '_titles.0.id: the entry of another key: "tt2" where "tt1" was asked',
    );
  });

  it('checks a mutation’s answer by the mutation type', () => {
    const check = checkOf('mutation { rename(id: "tt1", title: "x") { id } }', 'Mutation');
    expect(check({ rename: null }, true, undefined)).toBe('rename: null where Title! belongs');
  });
});
