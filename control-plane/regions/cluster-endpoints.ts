import { Route53RecoveryClusterClient } from '@aws-sdk/client-route53-recovery-cluster';
import type { StaticCredentials } from '../aws/index.ts';

/** One of an ARC cluster's Regional data-plane endpoints, as `aws route53-recovery-control-config describe-cluster` lists them. */
export interface ClusterEndpoint {
  /** @example 'https://abcd1234.route53-recovery-cluster.us-west-2.amazonaws.com/v1' */
  endpoint: string;
  /** The Region to sign for. @example 'us-west-2' */
  region: string;
}

export interface ClusterEndpointsOptions {
  clusterEndpoints: readonly ClusterEndpoint[];
  /** Omit in AWS (the SDK's chain); the local cluster takes any. */
  credentials?: StaticCredentials;
  /** How long one endpoint may take before the next is tried. @default 3_000 */
  timeoutMs?: number;
}

export type ClusterEndpoints = ReturnType<typeof connectClusterEndpoints>;

/**
 * A client per endpoint of an ARC cluster's data plane, and one way to call them: each
 * in turn until one answers, as AWS advises ("try each endpoint in rotation": endpoints
 * cycle through unavailable states for maintenance, and at least three of the five
 * always answer). An endpoint counts as failed when it cannot be reached, takes longer
 * than `timeoutMs`, or answers that it is unavailable, throttled or broken; a refusal (a
 * safety rule, a bad ARN, access denied) is an answer and is not tried elsewhere. The
 * endpoints are tried in the order given (AWS's examples shuffle them; a fixed order lets
 * an operator put the nearest first).
 *
 * @example
 * const cluster = connectClusterEndpoints({ clusterEndpoints });
 * const state = await cluster.inTurn((client, abortSignal) =>
 *   client.send(new GetRoutingControlStateCommand({ RoutingControlArn: arn }), { abortSignal }));
 */
export function connectClusterEndpoints(options: ClusterEndpointsOptions) {
  const clients = options.clusterEndpoints.map(
    ({ region, endpoint }) =>
      new Route53RecoveryClusterClient({
        region,
        endpoint,
        maxAttempts: 1,
        ...(options.credentials ? { credentials: options.credentials } : {}),
      }),
  );
  const timeoutMs = options.timeoutMs ?? 3_000;
  return {
    /** `call`'s answer from the first endpoint that gives one; rejects with every endpoint's failure. */
    async inTurn<T>(
      call: (client: Route53RecoveryClusterClient, abortSignal: AbortSignal) => Promise<T>,
    ): Promise<T> {
      const failures: string[] = [];
      for (const [i, client] of clients.entries()) {
        try {
          // An endpoint that swallows the request must not hold a failover up.
          return await call(client, AbortSignal.timeout(timeoutMs));
        } catch (error) {
          if (!isEndpointFailure(error)) throw error;
          failures.push(`${options.clusterEndpoints[i]?.endpoint}: ${(error as Error).message}`);
        }
      }
      throw new Error(`No ARC cluster endpoint answered: ${failures.join('; ') || 'none given'}`);
    },
    destroy() {
      for (const client of clients) client.destroy();
    },
  };
}

/** Whether to try the next endpoint: this one could not be reached or said it is unavailable. */
function isEndpointFailure(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'EndpointTemporarilyUnavailableException') return true;
  if (e.name === 'InternalServerException' || e.name === 'ThrottlingException') return true;
  // No HTTP answer at all: refused, reset, timed out.
  return e.$metadata?.httpStatusCode === undefined;
}
