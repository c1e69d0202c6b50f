import { describe, expect, it } from 'vitest';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import { buildSubgraphSchema } from './build-subgraph-schema.ts';
import { findCellKeyGaps } from './find-cell-key-gaps.ts';

const sdl = /* GraphQL */ `
  type Depot @key(selectionSet: "{ id }") { id: ID! name: String }
  type Query {
    depot(facility: ID!, id: ID!): Depot
    depots: [Depot!]!
    _depots(ids: [ID!]!): [Depot]! @merge(keyField: "id")
  }
  type Mutation { putDepot(facility: ID!, id: ID!): Depot }
`;
const schema = buildSubgraphSchema(sdl);

function depot(cells: Partial<NonNullable<ModuleManifest['cells']>> | undefined) {
  return {
    name: 'depot',
    cells: cells && {
      names: ['cell-1', 'cell-2'],
      key: {
        rest: [],
        graphql: [
          { field: 'Query.depot', argument: 'facility' },
          { field: 'Mutation.putDepot', argument: 'facility' },
        ],
      },
      ...cells,
    },
  } as Pick<ModuleManifest, 'name' | 'cells'>;
}

describe('findCellKeyGaps', () => {
  it('names each root field no key rule routes, merge fields too, with the fix', () => {
    const problems = findCellKeyGaps(depot({}), schema);
    expect(problems.map((p) => p.coordinate)).toEqual(['Query.depots', 'Query._depots']);
    expect(problems[0]).toMatchObject({
      code: 'CELL_KEY_UNDECLARED',
      message: expect.stringContaining('module "depot" is cut into cells'),
      fix: expect.stringContaining("{ field: 'Query.depots', argument: '<its key argument>' }"),
    });
  });

  it('leaves out the kit’s _sdl field', () => {
    const withSdl = buildSubgraphSchema(`type Query { depot(facility: ID!): String _sdl: String }`);
    expect(findCellKeyGaps(depot({}), withSdl)).toEqual([]);
  });

  it('accepts every field when the module has a default cell, and a module without cells', () => {
    expect(findCellKeyGaps(depot({ defaultCell: 'cell-1' }), schema)).toEqual([]);
    expect(findCellKeyGaps(depot(undefined), schema)).toEqual([]);
  });
});
