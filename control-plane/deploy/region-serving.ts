import {
  GetRoutingControlStateCommand,
  Route53RecoveryClusterClient,
} from '@aws-sdk/client-route53-recovery-cluster';
import type { StaticCredentials } from '../aws/index.ts';

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

/** One of the ARC cluster's regional data-plane endpoints, as `aws route53-recovery-control-config describe-cluster` lists them. */
export interface ClusterEndpoint {
  /** @example 'https://abcd1234.route53-recovery-cluster.us-west-2.amazonaws.com/v1' */
  endpoint: string;
  /** @example 'us-west-2' */
  region: string;
}

export interface RegionServingReaderOptions {
  clusterEndpoints: readonly ClusterEndpoint[];
  /** The routing control ARN of each Region; a Region without one always serves. */
  routingControls: Readonly<Record<string, string>>;
  /** Locally, the local cloud's fixed credentials; in AWS, what the SDK finds. */
  credentials?: StaticCredentials;
  /** How long one endpoint may take before the next is tried. @default 3_000 */
  timeoutMs?: number;
}

/**
 * Reads Route 53 ARC routing control states through the cluster's data plane
 * (GetRoutingControlState), trying the cluster's endpoints in turn, as AWS advises: any
 * one of them answers for the whole cluster, and some may be down in an event. A state
 * it cannot read from any endpoint counts as not serving: shifting traffic on a guess
 * during a Region event is what it must not do.
 *
 * @example
 * const reader = createRegionServingReader({ clusterEndpoints, routingControls: { 'us-west-2': arn } });
 * await reader.isRegionServing('us-west-2'); // { serving: false, reason: 'routing control ... is Off' }
 */
export function createRegionServingReader(
  options: RegionServingReaderOptions,
): RegionServingReader {
  const clients = options.clusterEndpoints.map(
    ({ endpoint, region }) =>
      new Route53RecoveryClusterClient({
        endpoint,
        region,
        maxAttempts: 1,
        ...(options.credentials ? { credentials: options.credentials } : {}),
      }),
  );
  const timeoutMs = options.timeoutMs ?? 3_000;
  return {
    async isRegionServing(region) {
      const arn = options.routingControls[region];
      if (!arn) return { serving: true };
      const failures: string[] = [];
      for (const [index, client] of clients.entries()) {
        try {
          const answer = await client.send(
            new GetRoutingControlStateCommand({ RoutingControlArn: arn }),
            { abortSignal: AbortSignal.timeout(timeoutMs) },
          );
          if (answer.RoutingControlState === 'On') return { serving: true };
          const name = answer.RoutingControlName ?? arn;
          return {
            serving: false,
            reason: `routing control ${name} of ${region} is ${answer.RoutingControlState ?? 'unknown'} (failed over)`,
          };
        } catch (error) {
          const where = options.clusterEndpoints[index]?.endpoint;
          failures.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return {
        serving: false,
        reason: `the routing control of ${region} could not be read from any cluster endpoint (${failures.join('; ')})`,
      };
    },
    close() {
      for (const client of clients) client.destroy();
    },
  };
}
