import { describe, expect, it } from 'vitest';
import type { SupergraphGeneration } from '../../contracts/registry.ts';
import { defineModule, type ModuleManifest } from '../../modules/kit/index.ts';
import { PublishRejectedError } from './errors.ts';
import { nextCellMaps } from './plan-cell-maps.ts';

const depot = (names: string[]): ModuleManifest =>
  defineModule({
    name: 'depot',
    owner: 'team-depot',
    tier: 'medium',
    rest: { prefixes: ['/depot'] },
    cells: { names, key: { rest: [{ path: '/depot', header: 'x-facility-id' }] } },
  });

const generationWith = (cells: SupergraphGeneration['cells']) =>
  ({ generation: 7, cells }) as SupergraphGeneration;

describe('nextCellMaps', () => {
  it("splits a first map's buckets evenly, naming each cell's function under the prefix", () => {
    const { cells } = nextCellMaps(depot(['cell-1', 'cell-2']), undefined, 'turnoutstg');
    expect(cells?.depot).toEqual({
      cells: [
        { name: 'cell-1', functionName: 'turnoutstg-depot-cell-1' },
        { name: 'cell-2', functionName: 'turnoutstg-depot-cell-2' },
      ],
      buckets: 4096,
      ranges: [
        { from: 0, to: 2048, cell: 'cell-1' },
        { from: 2048, to: 4096, cell: 'cell-2' },
      ],
      overrides: {},
      key: { rest: [{ path: '/depot', header: 'x-facility-id' }], graphql: [] },
    });
  });

  it("keeps the overrides and ranges a module had, and the other modules' maps", () => {
    const first = nextCellMaps(depot(['cell-1', 'cell-2']), undefined).cells?.depot;
    const pinned = { ...first, overrides: { 'FAC-1': 'cell-2' } } as NonNullable<typeof first>;
    const other = { ...pinned, overrides: {} };
    const next = nextCellMaps(
      depot(['cell-1', 'cell-2']),
      generationWith({ depot: pinned, other }),
    );
    expect(next.cells?.depot?.overrides).toEqual({ 'FAC-1': 'cell-2' });
    expect(next.cells?.other).toBe(other);
  });

  it('refuses other cells than the map has: that would move buckets and their data', () => {
    const first = nextCellMaps(depot(['cell-1', 'cell-2']), undefined).cells;
    const changed = () =>
      nextCellMaps(depot(['cell-1', 'cell-2', 'cell-3']), generationWith(first));
    expect(changed).toThrow(PublishRejectedError);
    expect(changed).toThrow('[CELLS_CHANGED]');
  });

  it('drops the map of a module that stops being cellular', () => {
    const first = nextCellMaps(depot(['cell-1']), undefined).cells;
    const plain = defineModule({
      name: 'depot',
      owner: 'o',
      tier: 'low',
      rest: { prefixes: ['/depot'] },
    });
    expect(nextCellMaps(plain, generationWith(first))).toEqual({ cells: {} });
    expect(nextCellMaps(plain, undefined)).toEqual({});
  });
});
