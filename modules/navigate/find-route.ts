import { FacilityNotFoundError, NoRouteError, SameFacilityError } from './errors.ts';
import type { Facility, Road } from './graph-items.ts';
import type { FacilityNodeLoader } from './load-facility-node.ts';

export interface Route {
  from: Facility;
  to: Facility;
  totalMiles: number;
  /** The roads to drive, in order. */
  legs: Road[];
  /** Every facility passed, from the start to the end. */
  facilityIds: string[];
}

/**
 * The shortest road route between two facilities (Dijkstra). It reads the graph as it
 * goes, one facility at a time, and stops once the destination is settled, so a short
 * trip reads a few facilities, not the whole network.
 *
 * @example
 * const route = await findRoute('DFW7', 'ATL6', createFacilityNodeLoader(documents, table));
 */
export async function findRoute(
  from: string,
  to: string,
  load: FacilityNodeLoader,
): Promise<Route> {
  if (from === to) throw new SameFacilityError(from);
  const [start, end] = await Promise.all([load(from), load(to)]);
  if (!start) throw new FacilityNotFoundError(from);
  if (!end) throw new FacilityNotFoundError(to);
  const reached = await settleUntil(from, to, load);
  const legs = legsTo(to, reached);
  return {
    from: start.facility,
    to: end.facility,
    totalMiles: legs.reduce((sum, leg) => sum + leg.miles, 0),
    legs,
    facilityIds: [from, ...legs.map((leg) => leg.to)],
  };
}

/** The road by which each settled facility was first reached on a shortest path. */
type ReachedBy = Map<string, Road | undefined>;

async function settleUntil(from: string, to: string, load: FacilityNodeLoader): Promise<ReachedBy> {
  const distance = new Map<string, number>([[from, 0]]);
  const via: ReachedBy = new Map([[from, undefined]]);
  const frontier = new Set([from]);
  const settled = new Set<string>();
  while (frontier.size > 0) {
    // A linear scan for the nearest: the frontier of a road network stays small.
    const current = nearest(frontier, distance);
    frontier.delete(current);
    settled.add(current);
    if (current === to) return via;
    const node = await load(current);
    for (const road of node?.roads ?? []) {
      if (settled.has(road.to)) continue;
      const candidate = (distance.get(current) ?? 0) + road.miles;
      if (candidate < (distance.get(road.to) ?? Number.POSITIVE_INFINITY)) {
        distance.set(road.to, candidate);
        via.set(road.to, road);
        frontier.add(road.to);
      }
    }
  }
  throw new NoRouteError(from, to);
}

function nearest(frontier: Set<string>, distance: Map<string, number>): string {
  let best: string | undefined;
  for (const id of frontier) {
    if (best === undefined || (distance.get(id) ?? 0) < (distance.get(best) ?? 0)) best = id;
  }
  return best as string;
}

function legsTo(to: string, via: ReachedBy): Road[] {
  const legs: Road[] = [];
  for (let road = via.get(to); road; road = via.get(road.from)) legs.unshift(road);
  return legs;
}
