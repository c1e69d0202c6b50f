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

/** Where Turnout's routing controls live: the cluster's endpoints and the control panel. */
export interface RoutingControlsConfig {
  clusterEndpoints: readonly ClusterEndpoint[];
  controlPanelArn: string;
  /** Omit in AWS (the SDK's chain); the local cluster takes any. */
  credentials?: StaticCredentials;
}

/** A Region's routing control and whether it lets traffic in. */
export interface RegionControl {
  region: string;
  arn: string;
  on: boolean;
}

export type RoutingControls = ReturnType<typeof createRoutingControls>;

/**
 * Reads and flips Turnout's routing controls (one per Region, named `turnout-<region>`)
 * through the ARC cluster's data plane. Every call tries the cluster's endpoints in turn
 * until one answers, as AWS advises: any one endpoint may be down, and the cluster is
 * built so that a majority of them serves. A refusal (a safety rule, a bad ARN) is an
 * answer and is not tried elsewhere.
 *
 * @example
 * const controls = createRoutingControls({ clusterEndpoints, controlPanelArn });
 * await controls.setRegions({ 'us-east-1': false, 'us-west-2': true });
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

  async function onEachEndpointInTurn<T>(
    call: (client: Route53RecoveryClusterClient) => Promise<T>,
  ): Promise<T> {
    const failures: string[] = [];
    for (const [i, client] of clients.entries()) {
      try {
        return await call(client);
      } catch (error) {
        if (!isEndpointFailure(error)) throw error;
        failures.push(`${config.clusterEndpoints[i]?.endpoint}: ${(error as Error).message}`);
      }
    }
    throw new Error(`No ARC cluster endpoint answered: ${failures.join('; ')}`);
  }

  /** Every Turnout routing control of the panel, by Region, with its state. */
  async function list(): Promise<RegionControl[]> {
    return onEachEndpointInTurn(async (client) => {
      const found: RoutingControl[] = [];
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new ListRoutingControlsCommand({ ControlPanelArn: config.controlPanelArn, NextToken }),
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
    const answer = await onEachEndpointInTurn((client) =>
      client.send(new GetRoutingControlStateCommand({ RoutingControlArn: arn })),
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
    await onEachEndpointInTurn((client) =>
      client.send(
        new UpdateRoutingControlStatesCommand({ UpdateRoutingControlStateEntries: entries }),
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
