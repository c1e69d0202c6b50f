import { describe, expect, it } from 'vitest';
import { cellUnitManifest, unitEnvironment } from './cell-unit-manifest.ts';
import { defineModule } from './define-module.ts';
import { ManifestError } from './errors.ts';

const base = { name: 'gatepass', owner: 'team-gatepass', tier: 'critical' } as const;
const rest = { prefixes: ['/gatepass'] };
const sdl = 'type Query { load(facilityId: ID!, loadId: ID!): Load } type Load { loadId: ID! }';

function problemsOf(manifest: Record<string, unknown>): string[] {
  try {
    defineModule({ ...base, rest, ...manifest } as never);
    return [];
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

describe('cells in a manifest', () => {
  it('takes cell names and where REST and GraphQL requests carry the key', () => {
    const manifest = defineModule({
      ...base,
      rest,
      graphql: { sdl },
      cells: {
        names: ['cell-1', 'cell-2'],
        defaultCell: 'cell-1',
        key: {
          rest: [
            { path: '/gatepass', header: 'X-Facility-Id' },
            { path: '/gatepass/by-facility/:facility', pathParameter: 'facility' },
            { path: '/gatepass/search', query: 'facility' },
          ],
          graphql: [{ field: 'Query.load', argument: 'facilityId' }],
        },
      },
    });
    expect(manifest.cells?.names).toEqual(['cell-1', 'cell-2']);
    // Header names are compared lowercase, as the gateway receives them.
    expect(manifest.cells?.key.rest[0]?.header).toBe('x-facility-id');
  });

  it('refuses a rule that names no place for the key, or two', () => {
    const cells = (rule: object) => ({ names: ['cell-1'], key: { rest: [rule] } });
    expect(problemsOf({ cells: cells({ path: '/gatepass' }) })).toEqual([
      'cells.key.rest.0: say where the key is with exactly one of header, query or pathParameter (this rule for /gatepass names 0)',
    ]);
    expect(problemsOf({ cells: cells({ path: '/gatepass', header: 'x-f', query: 'f' }) })).toEqual([
      'cells.key.rest.0: say where the key is with exactly one of header, query or pathParameter (this rule for /gatepass names 2)',
    ]);
  });

  it('refuses a path parameter its path does not have', () => {
    expect(
      problemsOf({
        cells: {
          names: ['cell-1'],
          defaultCell: 'cell-1',
          key: { rest: [{ path: '/gatepass/:passId', pathParameter: 'facility' }] },
        },
      }),
    ).toEqual([
      'cells.key.rest.0.pathParameter: "facility" is not a segment of /gatepass/:passId: write the path with :facility in it, e.g. "/loads/:facility"',
    ]);
  });

  it('refuses a prefix whose requests would carry no key, unless a default cell takes them', () => {
    const key = { rest: [{ path: '/gatepass/search', query: 'facility' }] };
    expect(problemsOf({ cells: { names: ['cell-1'], key } })).toEqual([
      'cells.key.rest: requests under /gatepass would carry no key: add a rule for "/gatepass" (a header or query parameter), or a defaultCell',
    ]);
    expect(problemsOf({ cells: { names: ['cell-1'], key, defaultCell: 'cell-1' } })).toEqual([]);
  });

  it('refuses a default cell that is not a cell, a cell listed twice, and no key at all', () => {
    expect(
      problemsOf({
        cells: { names: ['cell-1', 'cell-1'], defaultCell: 'cell-9', key: {} },
      }),
    ).toEqual([
      'cells.names.1: "cell-1" is listed twice',
      'cells.defaultCell: "cell-9" is not one of the cells (cell-1, cell-1)',
      'cells.key: say where requests carry the partition key: key.rest (a header, query or path parameter per path) or key.graphql (a root field argument)',
    ]);
  });

  it('refuses a key rule outside the prefixes, and a GraphQL field or argument the SDL lacks', () => {
    expect(
      problemsOf({
        graphql: { sdl },
        cells: {
          names: ['cell-1'],
          defaultCell: 'cell-1',
          key: {
            rest: [{ path: '/loads', header: 'x-facility-id' }],
            graphql: [
              { field: 'Query.load', argument: 'facility' },
              { field: 'Query.loads', argument: 'facilityId' },
            ],
          },
        },
      }),
    ).toEqual([
      'cells.key.rest.0.path: "/loads" is under none of the module\'s REST prefixes (/gatepass)',
      "cells.key.graphql.0: the module's SDL declares no Query.load(facility:): name a root field and one of its arguments",
      "cells.key.graphql.1: the module's SDL declares no Query.loads(facilityId:): name a root field and one of its arguments",
    ]);
  });

  it('refuses a cell whose resource names would be too long', () => {
    expect(
      problemsOf({
        name: 'a-rather-long-module-name-here',
        cells: { names: ['cell-number-one'], defaultCell: 'cell-number-one', key: { rest: [] } },
      }).filter((p) => p.includes('longer')),
    ).toEqual([
      'cells.names.0: "a-rather-long-module-name-here-cell-number-one" names the cell\'s resources and is longer than 39 characters: use a shorter cell name',
    ]);
  });

  it("names a cell's unit and tells its function which cell it is (TURNOUT_CELL), a cell it stays through publish", () => {
    const manifest = defineModule({
      ...base,
      rest,
      cells: { names: ['cell-1', 'cell-2'], key: { rest: [{ path: '/gatepass', header: 'x-f' }] } },
    });
    const unit = cellUnitManifest(manifest, 'cell-2');
    expect(unit.name).toBe('gatepass-cell-2');
    expect(unitEnvironment(unit)).toEqual({
      TURNOUT_MODULE: 'gatepass-cell-2',
      TURNOUT_CELL: 'cell-2',
    });
    expect(unitEnvironment(manifest)).toEqual({ TURNOUT_MODULE: 'gatepass' });
    // Publishing validates the unit's manifest again: its cellOf is kept.
    expect(defineModule(unit).cellOf).toEqual({ module: 'gatepass', cell: 'cell-2' });
    // A module team cannot set it itself.
    const problems = problemsOf({
      runtime: { environment: { TURNOUT_CELL: { description: 'x' } } },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^runtime\.environment\.TURNOUT_CELL: /);
  });
});
