import { buildSchema, getVariableValues, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileVariablesCheck } from './compile-variables-check.ts';

const schema = buildSchema(`
  enum Color { RED GREEN }
  input Range { from: Int }
  scalar Date
  type Query { field(id: ID, s: String, i: Int, f: Float, b: Boolean, ids: [ID!], nested: [[Int]], c: Color, r: Range, d: Date): String }
`);

const definitionsOf = (variables: string) =>
  (parse(`query Q(${variables}) { field }`).definitions[0] as OperationDefinitionNode)
    .variableDefinitions ?? [];

const TYPES = [
  'ID',
  'ID!',
  'String',
  'String!',
  'Int',
  'Int!',
  'Float',
  'Float!',
  'Boolean',
  'Boolean!',
  '[ID!]',
  '[ID!]!',
  '[ID]',
  '[[Int]]',
  '[Int!]!',
  'ID! = "x"',
  'Int = 3',
];
const VALUES: unknown[] = [
  'a',
  '',
  0,
  1,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31),
  2 ** 31 - 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  null,
  [],
  ['a'],
  ['a', null],
  [1, 2],
  [[1], [2, null]],
  [[1.5]],
  { a: 1 },
  '1',
];

describe('compileVariablesCheck', () => {
  it('says yes exactly where graphql-js finds no error, for every built-in scalar, list and non-null', () => {
    for (const type of TYPES) {
      const definitions = definitionsOf(`$v: ${type}`);
      const check = compileVariablesCheck(schema, definitions);
      expect(check, type).toBeDefined();
      const cases: Record<string, unknown>[] = [
        {},
        ...VALUES.map((v) => ({ v })),
        { v: undefined },
      ];
      for (const variables of cases) {
        const graphqlJs = getVariableValues(schema, definitions, variables).errors === undefined;
        expect(check?.(variables), `${type} with ${JSON.stringify(variables)}`).toBe(graphqlJs);
      }
    }
  });

  it('checks every variable of an operation, and ignores variables it does not define', () => {
    const check = compileVariablesCheck(schema, definitionsOf('$id: ID!, $after: String, $n: Int'));
    expect(check?.({ id: 'nm1', after: null, n: 4, extra: { anything: true } })).toBe(true);
    expect(check?.({ id: 'nm1', after: 5 })).toBe(false);
    expect(check?.({ after: 'x' })).toBe(false);
  });

  it('leaves enums, input objects and custom scalars to graphql-js', () => {
    for (const type of ['Color', 'Range', 'Date', '[Color!]'])
      expect(
        compileVariablesCheck(schema, definitionsOf(`$id: ID, $v: ${type}`)),
        type,
      ).toBeUndefined();
  });
});
