/** A stand-in for the Route 53 ARC cluster's data plane: routing controls, one per Region. */
export type {
  RoutingControl,
  RoutingControlState,
} from './routing-control-states.ts';
export {
  type ClusterEndpoint,
  type LocalRecoveryCluster,
  type LocalRecoveryClusterOptions,
  startLocalRecoveryCluster,
} from './start-local-recovery-cluster.ts';
