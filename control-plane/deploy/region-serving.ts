import { GetRoutingControlStateCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { type ClusterEndpointsOptions, connectClusterEndpoints } from '../regions/index.ts';

/** Whether a Region takes client traffic now, and why not when it does not. */
export interface RegionServing {
  serving: boolean;
  /** Why it is not serving (or cannot be told), for the record and `turnout status`. */
  reason?: string;
}

/**
 * Says whether a Region serves clients. The pipeline asks it before each traffic step:
 * no step moves traffic in a Region that is failed away from (its routing control off),
 * because its bake would judge a version on no traffic, and a Region coming back should
 * get the version its operators last saw serving.
 */
export interface RegionServingReader {
  isRegionServing(region: string): Promise<RegionServing>;
  close(): void;
}

export interface RegionServingReaderOptions extends ClusterEndpointsOptions {
  /** The routing control ARN of each Region; a Region without one always serves. */
  routingControls: Readonly<Record<string, string>>;
}

/**
 * Reads Route 53 ARC routing control states through the cluster's data plane
 * (GetRoutingControlState), trying the cluster's endpoints in turn, as AWS advises
 * (`connectClusterEndpoints`): any one of them answers for the whole cluster, and some
 * may be down in an event. A state it cannot read counts as not serving: shifting
 * traffic on a guess during a Region event is what it must not do.
 *
 * @example
 * const reader = createRegionServingReader({ clusterEndpoints, routingControls: { 'us-west-2': arn } });
 * await reader.isRegionServing('us-west-2'); // { serving: false, reason: 'routing control ... is Off' }
 */
export function createRegionServingReader(
  options: RegionServingReaderOptions,
): RegionServingReader {
  const cluster = connectClusterEndpoints(options);
  return {
    async isRegionServing(region) {
      const arn = options.routingControls[region];
      if (!arn) return { serving: true };
      try {
        const answer = await cluster.inTurn((client, abortSignal) =>
          client.send(new GetRoutingControlStateCommand({ RoutingControlArn: arn }), {
            abortSignal,
          }),
        );
        if (answer.RoutingControlState === 'On') return { serving: true };
        const name = answer.RoutingControlName ?? arn;
        return {
          serving: false,
          reason: `routing control ${name} of ${region} is ${answer.RoutingControlState ?? 'unknown'} (failed over)`,
        };
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        return {
          serving: false,
          reason: `the routing control of ${region} could not be read from any cluster endpoint (${why})`,
        };
      }
    },
    close: cluster.destroy,
  };
}
