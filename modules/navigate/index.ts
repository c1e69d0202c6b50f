/** The navigate module: shortest road routes over a facility graph in DynamoDB. */

export { createNavigateApp, type NavigateAppOptions } from './create-navigate-app.ts';
export { FacilityNotFoundError, NoRouteError, SameFacilityError } from './errors.ts';
export { findRoute, type Route } from './find-route.ts';
export type { Facility, Road } from './graph-items.ts';
export {
  createFacilityNodeLoader,
  type FacilityNode,
  type FacilityNodeLoader,
} from './load-facility-node.ts';
export { NAVIGATE_SEED_ITEMS, SEED_FACILITIES, SEED_ROADS } from './seed-graph.ts';
export { seedNavigate } from './seed-navigate.ts';
