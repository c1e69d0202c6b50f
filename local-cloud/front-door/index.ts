/**
 * The front door: a LOCAL STAND-IN for Route 53 latency routing with health checks and
 * ARC routing controls, on the port clients use. Not a product piece: nothing of it ships.
 */
export { chooseRegions, type RegionStanding } from './choose-regions.ts';
export type { HealthCheckOptions, RegionHealth } from './create-region-health-checks.ts';
export type { RegionTraffic } from './create-traffic-stats.ts';
export { isIdempotentRequest } from './is-idempotent-request.ts';
export {
  CLIENT_REGION_HEADER,
  FRONT_DOOR_STATUS_PATH,
  type FrontDoor,
  type FrontDoorEvent,
  type FrontDoorOptions,
  type FrontDoorStatus,
  SERVED_BY_HEADER,
  startFrontDoor,
} from './start-front-door.ts';
