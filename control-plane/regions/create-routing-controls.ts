import {
  GetRoutingControlStateCommand,
  ListRoutingControlsCommand,
  Route53RecoveryClusterClient,
  type RoutingControl,
  UpdateRoutingControlStatesCommand,
} from '@aws-sdk/client-route53-recovery-cluster';
import { regionOfRoutingControl } from '../../contracts/routing-control-name.ts';
import type { StaticCredentials } from '../aws/index.ts';

/** One of an ARC cluster's Regional endpoints: its URL and the Region to sign for. */
export interface ClusterEndpoint {
  region: string;
  endpoint: string;
}

/**
 * Where Turnout's routing controls live: the cluster's endpoints, and either the control
 * panel (its controls found by name, `turnout-<region>`: the local cluster) or each
 * Region's routing control ARN (the stacks' `routingControlArns` output, as the pipeline
 * definition names them: AWS, where the names carry the environment's prefix).
 */
export type RoutingControlsConfig = {
  clusterEndpoints: readonly ClusterEndpoint[];
  /** Omit in AWS (the SDK's chain); the local cluster takes any. */
  credentials?: StaticCredentials;
  /** How long one endpoint may take before the next is tried. @default 3_000 */
  timeoutMs?: number;
} & (
  | { controlPanelArn: string; routingControlArns?: never }
  | { routingControlArns: Readonly<Record<string, string>>; controlPanelArn?: never }
);

/** A Region's routing control and whether it lets traffic in. */
export interface RegionControl {
  region: string;
  arn: string;
  on: boolean;
}

export type RoutingControls = ReturnType<typeof createRoutingControls>;

/**
 * Reads and flips Turnout's routing controls (one per Region) through the ARC cluster's
 * data plane. Every call tries the cluster's endpoints in turn until one answers, as AWS
 * advises ("try each endpoint in rotation": endpoints cycle through unavailable states
 * for maintenance, and at least three of the five always answer). An endpoint counts as
 * failed when it cannot be reached, takes longer than `timeoutMs`, or answers that it is
 * unavailable, throttled or broken; a refusal (a safety rule, a bad ARN, access denied)
 * is an answer and is not tried elsewhere. The endpoints are tried in the order given
 * (AWS's examples shuffle them; a fixed order lets an operator put the nearest first).
 *
 * @example
 * const controls = createRoutingControls({ clusterEndpoints, controlPanelArn });
 * await controls.setRegions({ 'us-east-1': false, 'us-west-2': true });
 * @example
 * // AWS: the ARNs the home Region's gateway stack outputs (routingControlArns).
 * createRoutingControls({ clusterEndpoints, routingControlArns: { 'us-east-1': arn1, 'us-west-2': arn2 } });
 */
export function createRoutingControls(config: RoutingControlsConfig) {
  if (config.clusterEndpoints.length === 0)
    throw new Error(
      'No ARC cluster endpoints: give the cluster endpoints (`aws route53-recovery-control-config describe-cluster`) or run `turnout dev --regions ...`.',
    );
  const clients = config.clusterEndpoints.map(
    ({ region, endpoint }) =>
      new Route53RecoveryClusterClient({
        region,
        endpoint,
        maxAttempts: 1,
        ...(config.credentials ? { credentials: config.credentials } : {}),
      }),
  );

  const timeoutMs = config.timeoutMs ?? 3_000;

  async function onEachEndpointInTurn<T>(
    call: (client: Route53RecoveryClusterClient, abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const failures: string[] = [];
    for (const [i, client] of clients.entries()) {
      try {
        // An endpoint that swallows the request must not hold the failover up.
        return await call(client, AbortSignal.timeout(timeoutMs));
      } catch (error) {
        if (!isEndpointFailure(error)) throw error;
        failures.push(`${config.clusterEndpoints[i]?.endpoint}: ${(error as Error).message}`);
      }
    }
    throw new Error(`No ARC cluster endpoint answered: ${failures.join('; ')}`);
  }

  /** Every Turnout routing control, by Region, with its state. */
  async function list(): Promise<RegionControl[]> {
    const arns = config.routingControlArns;
    if (!arns) return listPanel(config.controlPanelArn as string);
    return Promise.all(
      Object.entries(arns).map(async ([region, arn]) => ({ region, arn, on: await get(arn) })),
    );
  }

  async function listPanel(ControlPanelArn: string): Promise<RegionControl[]> {
    return onEachEndpointInTurn(async (client, abortSignal) => {
      const found: RoutingControl[] = [];
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new ListRoutingControlsCommand({ ControlPanelArn, NextToken }),
          { abortSignal },
        );
        found.push(...(page.RoutingControls ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      return found.flatMap((c) => {
        const region = regionOfRoutingControl(c.RoutingControlName);
        return region && c.RoutingControlArn
          ? [{ region, arn: c.RoutingControlArn, on: c.RoutingControlState === 'On' }]
          : [];
      });
    });
  }

  /** One Region's control, read with GetRoutingControlState (its freshest state). */
  async function get(arn: string): Promise<boolean> {
    const answer = await onEachEndpointInTurn((client, abortSignal) =>
      client.send(new GetRoutingControlStateCommand({ RoutingControlArn: arn }), { abortSignal }),
    );
    return answer.RoutingControlState === 'On';
  }

  /** Sets the named Regions' controls in one UpdateRoutingControlStates: all or nothing. */
  async function setRegions(wanted: Record<string, boolean>): Promise<void> {
    const byRegion = new Map((await list()).map((c) => [c.region, c]));
    const entries = Object.entries(wanted).map(([region, on]) => {
      const control = byRegion.get(region);
      if (!control)
        throw new Error(
          `No routing control for Region ${region}: the control panel has ${[...byRegion.keys()].join(', ') || 'none'}.`,
        );
      return {
        RoutingControlArn: control.arn,
        RoutingControlState: on ? ('On' as const) : ('Off' as const),
      };
    });
    await onEachEndpointInTurn((client, abortSignal) =>
      client.send(
        new UpdateRoutingControlStatesCommand({ UpdateRoutingControlStateEntries: entries }),
        { abortSignal },
      ),
    );
  }

  return {
    list,
    get,
    setRegions,
    destroy: () => {
      for (const client of clients) client.destroy();
    },
  };
}

/** Whether to try the next endpoint: this one could not be reached or said it is unavailable. */
function isEndpointFailure(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  if (e.name === 'EndpointTemporarilyUnavailableException') return true;
  if (e.name === 'InternalServerException' || e.name === 'ThrottlingException') return true;
  // No HTTP answer at all: refused, reset, timed out.
  return e.$metadata?.httpStatusCode === undefined;
}
