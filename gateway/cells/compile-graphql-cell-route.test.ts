import type { FieldNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  CELL_BUCKETS,
  type CellMap,
  cellOfKey,
  evenBucketRanges,
} from '../../contracts/cell-map.ts';
import { getOperationAST, Kind, parse } from '../graphql/graphql-js.ts';
import { compileCellRouter } from './compile-cell-router.ts';
import { compileGraphqlCellRoute } from './compile-graphql-cell-route.ts';

const names = ['cell-1', 'cell-2', 'cell-3'];
const map: CellMap = {
  cells: names.map((name) => ({ name, functionName: `turnout-depot-${name}` })),
  buckets: CELL_BUCKETS,
  ranges: evenBucketRanges(names),
  overrides: { 'TEST-1': 'cell-3' },
  key: {
    graphql: [
      { field: 'Query.depotItem', argument: 'facility' },
      { field: 'Mutation.putDepotItem', argument: 'facility' },
    ],
  },
};
const router = compileCellRouter('depot', map, undefined);

function rootFields(query: string): FieldNode[] {
  const operation = getOperationAST(parse(query));
  return (operation?.selectionSet.selections ?? []).filter(
    (s): s is FieldNode => s.kind === Kind.FIELD,
  );
}

function cellOf(
  query: string,
  variables?: Record<string, unknown>,
  type: 'Query' | 'Mutation' = 'Query',
) {
  const choice = compileGraphqlCellRoute(router, type, rootFields(query))(variables);
  return choice.target?.cell ?? choice.refusal;
}

/** A key of each cell, as the contract maps them. */
const keyOf = (cell: string) =>
  Array.from({ length: 100 }, (_, i) => `FAC-${i}`).find(
    (key) => cellOfKey(map, key) === cell,
  ) as string;

describe('compileGraphqlCellRoute', () => {
  it("routes a root field by its declared argument, a variable's or a literal's, as the map does", () => {
    for (const cell of names) {
      const key = keyOf(cell);
      expect(cellOf('query($f: ID!) { depotItem(facility: $f, id: "a") { id } }', { f: key })).toBe(
        cell,
      );
      expect(cellOf(`{ depotItem(facility: "${key}", id: "a") { id } __typename }`)).toBe(cell);
      expect(
        cellOf(
          'mutation($f: ID!) { putDepotItem(facility: $f, id: "a", value: "v") { id } }',
          { f: key },
          'Mutation',
        ),
      ).toBe(cell);
    }
    expect(cellOf('{ depotItem(facility: "TEST-1", id: "a") { id } }')).toBe('cell-3');
  });

  it('refuses a field without its key, naming the field and the argument, unless a default cell takes it', () => {
    expect(cellOf('query($f: ID) { depotItem(facility: $f, id: "a") { id } }', {})).toBe(
      'Query.depotItem needs its "facility" argument: module "depot" is cut into cells by it, and a request without it has no cell.',
    );
    expect(cellOf('{ depotPing }')).toBe(
      'Query.depotPing carries no cell key: module "depot" is cut into cells and declares no key argument for this field (cells.key.graphql) and no default cell.',
    );
    const withDefault = compileCellRouter('depot', { ...map, defaultCell: 'cell-2' }, undefined);
    const route = compileGraphqlCellRoute(withDefault, 'Query', rootFields('{ depotPing }'));
    expect(route(undefined).target?.cell).toBe('cell-2');
  });

  it('keeps fields of one cell together and refuses fields of two cells in one invoke', () => {
    const [one, two] = [keyOf('cell-1'), keyOf('cell-2')];
    const query =
      'query($a: ID!, $b: ID!) { a: depotItem(facility: $a, id: "x") { id } b: depotItem(facility: $b, id: "y") { id } }';
    expect(cellOf(query, { a: one, b: one })).toBe('cell-1');
    expect(cellOf(query, { a: one, b: two })).toBe(
      'Fields of Query.depotItem map to different cells of module "depot": ask for each cell\'s keys in an operation of its own.',
    );
  });
});
