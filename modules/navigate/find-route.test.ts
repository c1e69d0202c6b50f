import { describe, expect, it } from 'vitest';
import { FacilityNotFoundError, NoRouteError, SameFacilityError } from './errors.ts';
import { findRoute } from './find-route.ts';
import type { FacilityNodeLoader } from './load-facility-node.ts';
import { SEED_FACILITIES, SEED_ROADS } from './seed-graph.ts';

/** The seed graph in memory, read the way the table is read: one facility at a time. */
function seedLoader(reads: string[] = []): FacilityNodeLoader {
  return async (facilityId) => {
    reads.push(facilityId);
    const facility = SEED_FACILITIES.find((f) => f.facilityId === facilityId);
    if (!facility) return undefined;
    const roads = SEED_ROADS.flatMap((r) =>
      r.from === facilityId ? [r] : r.to === facilityId ? [{ ...r, from: r.to, to: r.from }] : [],
    );
    return { facility, roads };
  };
}

/** Shortest distances by Floyd-Warshall, an independent check on Dijkstra. */
function allPairsMiles(): Map<string, number> {
  const ids = SEED_FACILITIES.map((f) => f.facilityId);
  const d = new Map<string, number>();
  const key = (a: string, b: string) => `${a}>${b}`;
  for (const a of ids) for (const b of ids) d.set(key(a, b), a === b ? 0 : Infinity);
  for (const r of SEED_ROADS) {
    d.set(key(r.from, r.to), r.miles);
    d.set(key(r.to, r.from), r.miles);
  }
  for (const k of ids)
    for (const i of ids)
      for (const j of ids) {
        const through = (d.get(key(i, k)) ?? Infinity) + (d.get(key(k, j)) ?? Infinity);
        if (through < (d.get(key(i, j)) ?? Infinity)) d.set(key(i, j), through);
      }
  return d;
}

describe('findRoute', () => {
  it('finds the shortest route, not the one with the fewest stops', async () => {
    const route = await findRoute('DFW7', 'CMH1', seedLoader());
    expect(route.facilityIds).toEqual(['DFW7', 'LIT1', 'MEM1', 'STL6', 'IND4', 'CMH1']);
    expect(route.totalMiles).toBe(1160);
    expect(route.legs[0]).toEqual({ from: 'DFW7', to: 'LIT1', miles: 320, highway: 'I-30' });
  });

  it('agrees with an all-pairs shortest-path computation on every pair of the seed graph', async () => {
    const expected = allPairsMiles();
    for (const { facilityId: from } of SEED_FACILITIES) {
      for (const { facilityId: to } of SEED_FACILITIES) {
        if (from === to) continue;
        const miles = expected.get(`${from}>${to}`) ?? Infinity;
        const found = findRoute(from, to, seedLoader());
        if (miles === Infinity) await expect(found).rejects.toBeInstanceOf(NoRouteError);
        else expect((await found).totalMiles, `${from} to ${to}`).toBe(miles);
      }
    }
  });

  it('reads only the facilities it needs for a short trip', async () => {
    const reads: string[] = [];
    await findRoute('HOU2', 'SAT1', seedLoader(reads));
    expect(reads.length).toBeLessThan(SEED_FACILITIES.length / 2);
  });

  it('names the unknown facility', async () => {
    await expect(findRoute('DFW7', 'ZZZ9', seedLoader())).rejects.toThrow(
      new FacilityNotFoundError('ZZZ9'),
    );
  });

  it('says there is no route to a facility no road reaches', async () => {
    await expect(findRoute('DFW7', 'HNL1', seedLoader())).rejects.toThrow(/no road route/);
  });

  it('refuses a route from a facility to itself', async () => {
    await expect(findRoute('DFW7', 'DFW7', seedLoader())).rejects.toBeInstanceOf(SameFacilityError);
  });
});
