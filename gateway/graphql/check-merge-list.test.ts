import { type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildContractSchema } from './build-contract-schema.ts';
import { checkMergeList, compileMergeListContract } from './check-merge-list.ts';
import { formatViolation } from './compile-selection-check.ts';

const schema = buildContractSchema(`
  type Image { url: String! }
  type Title @key(selectionSet: "{ id }") { id: ID! primaryImage: Image }
  type Query {
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
    _strict(ids: [ID!]!): [Title!]! @merge(keyField: "id")
    _loose(ids: [ID!]!): [Title] @merge(keyField: "id")
  }
`);

/** Checks a merge field's answer for `keys`, answering one line per violation. */
function checkOf(fieldName: string, selection: string) {
  const operation = parse(`{ ${selection} }`).definitions[0] as OperationDefinitionNode;
  const contract = compileMergeListContract(
    schema,
    fieldName,
    'id',
    [operation.selectionSet],
    new Map(),
  );
  if (!contract) throw new Error(`no contract for ${fieldName}`);
  return (list: unknown, keys: string[], hasErrors = false) => {
    const found = checkMergeList(list, keys, contract, hasErrors);
    return found && formatViolation(found);
  };
}

const image = (id: string) => ({ id, primaryImage: { url: `${id}.jpg` } });

describe('checkMergeList', () => {
  it('passes one entry per key, in order, null where the type allows it', () => {
    const check = checkOf('_titles', 'id primaryImage { url }');
    expect(check([image('tt1'), null, image('tt3')], ['tt1', 'tt2', 'tt3'])).toBeUndefined();
  });

  it('finds an empty list answered for keys', () => {
    expect(checkOf('_titles', 'primaryImage { url }')([], ['tt1', 'tt2', 'tt3'])).toBe(
      '0 entries for 3 keys',
    );
  });

  it('finds a list shorter than the keys', () => {
    expect(checkOf('_titles', 'id')([image('tt1')], ['tt1', 'tt2'])).toBe('1 entries for 2 keys');
  });

  it('finds a null entry where the list’s items are non-null', () => {
    expect(checkOf('_strict', 'id')([image('tt1'), null], ['tt1', 'tt2'])).toBe(
      '1: null where the list is non-null',
    );
  });

  it('finds an entry that carries another key than the one asked at its place', () => {
    expect(checkOf('_titles', 'id')([image('tt2'), image('tt1')], ['tt1', 'tt2'])).toBe(
      '0.id: the entry of another key: "tt2" where "tt1" was asked',
    );
  });

  it('finds an entry value of the wrong type', () => {
    const check = checkOf('_titles', 'primaryImage { url }');
    expect(check([{ primaryImage: { url: 5 } }], ['tt1'])).toBe(
      '0.primaryImage.url: a number where String belongs',
    );
  });

  it('finds a string or a missing field where the list belongs', () => {
    const check = checkOf('_titles', 'id');
    expect(check('tt1', ['tt1'])).toBe('a string where 1 entries belong');
    expect(check(undefined, ['tt1'])).toBe('missing');
  });

  it('takes a nullable list as null only when an error says why', () => {
    expect(checkOf('_loose', 'id')(null, ['tt1'], true)).toBeUndefined();
    expect(checkOf('_loose', 'id')(null, ['tt1'], false)).toBe('null where 1 entries belong');
    expect(checkOf('_titles', 'id')(null, ['tt1'], true)).toBe('null where 1 entries belong');
  });
});
