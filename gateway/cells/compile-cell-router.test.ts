import { describe, expect, it } from 'vitest';
import {
  CELL_BUCKETS,
  type CellMap,
  cellBucketOf,
  cellOfKey,
  evenBucketRanges,
} from '../../contracts/cell-map.ts';
import type { GatewayRequest } from '../types.ts';
import { compileCellRouter } from './compile-cell-router.ts';

const names = ['cell-1', 'cell-2', 'cell-3'];
const map: CellMap = {
  cells: names.map((name) => ({ name, functionName: `turnout-loads-${name}` })),
  buckets: CELL_BUCKETS,
  ranges: evenBucketRanges(names),
  overrides: { 'TEST-1': 'cell-3' },
  key: {
    rest: [
      { path: '/loads', header: 'x-facility-id' },
      { path: '/loads/search', query: 'facility' },
      { path: '/loads/by-facility/:facility', pathParameter: 'facility' },
    ],
  },
};

function request(path: string, headers: Record<string, string> = {}, query = ''): GatewayRequest {
  return { method: 'GET', path, rawQueryString: query, headers };
}

function cellOf(choice: ReturnType<ReturnType<typeof compileCellRouter>['routeRest']>) {
  return choice.target?.cell ?? choice.refusal;
}

describe('compileCellRouter', () => {
  const router = compileCellRouter('loads', map, undefined);

  it("sends a key to its bucket's cell, the same one every time, as the contract computes it", () => {
    const keys = Array.from({ length: 300 }, (_, i) => `FAC${i}`);
    for (const key of keys) {
      const first = cellOf(router.routeRest(request('/loads/L-1', { 'x-facility-id': key })));
      expect(first).toBe(cellOfKey(map, key));
      expect(cellOf(router.routeRest(request('/loads', { 'x-facility-id': key })))).toBe(first);
    }
    // Spread over every cell, not piled into one.
    const used = new Set(keys.map((key) => cellOfKey(map, key)));
    expect([...used].sort()).toEqual(names);
  });

  it('reads the key from a query parameter or a path segment where the rules say', () => {
    const key = 'DFW7';
    const expected = cellOfKey(map, key);
    expect(cellOf(router.routeRest(request('/loads/search', {}, `facility=${key}`)))).toBe(
      expected,
    );
    expect(cellOf(router.routeRest(request(`/loads/by-facility/${key}/today`)))).toBe(expected);
  });

  it('sends an overridden key to its pinned cell, whatever its bucket', () => {
    const choice = router.routeRest(request('/loads', { 'x-facility-id': 'TEST-1' }));
    expect(choice.target).toEqual({ cell: 'cell-3', functionName: 'turnout-loads-cell-3' });
  });

  it('refuses a request without a key, saying where to put it, unless a default cell takes it', () => {
    expect(router.routeRest(request('/loads')).refusal).toBe(
      'This request names no cell key for module "loads": send it in the x-facility-id header.',
    );
    const withDefault = compileCellRouter('loads', { ...map, defaultCell: 'cell-2' }, undefined);
    expect(cellOf(withDefault.routeRest(request('/loads')))).toBe('cell-2');
  });

  it("carries a split cell's stable version for the canary retry, and only that cell's", () => {
    const split = compileCellRouter('loads', map, {
      'loads-cell-3': { stable: '4', candidate: { version: '5', weight: 0.1 } },
    });
    expect(split.routeKey('TEST-1', '').target?.stableVersion).toBe('4');
    const other = Array.from({ length: 50 }, (_, i) => `K${i}`).find(
      (key) => cellOfKey(map, key) === 'cell-1',
    );
    expect(split.routeKey(other, '').target).toEqual({
      cell: 'cell-1',
      functionName: 'turnout-loads-cell-1',
    });
  });

  it('hashes keys into buckets stably (the numbers every gateway and CLI must agree on)', () => {
    expect(cellBucketOf('DFW7', 4096)).toBe(cellBucketOf('DFW7', 4096));
    expect([cellBucketOf('', 4096), cellBucketOf('a', 4096), cellBucketOf('DFW7', 4096)]).toEqual([
      0x811c9dc5 % 4096,
      0xe40c292c % 4096,
      expect.any(Number),
    ]);
  });
});
