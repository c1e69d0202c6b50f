/** Regions: the routing controls that say which Regions take traffic, and the failover records. */
export {
  type ClusterEndpoint,
  type ClusterEndpoints,
  type ClusterEndpointsOptions,
  connectClusterEndpoints,
} from './cluster-endpoints.ts';
export {
  createRoutingControls,
  type RegionControl,
  type RoutingControls,
  type RoutingControlsConfig,
} from './create-routing-controls.ts';
export {
  DEFAULT_FAILOVERS_TABLE,
  type FailoverRecord,
  listFailoverRecords,
  putFailoverRecord,
} from './failover-records.ts';
export { isRegionOff, regionsOff } from './is-region-off.ts';
export type { RegionsReport } from './regions-report.ts';
