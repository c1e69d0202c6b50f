import {
  GetRoutingControlStateCommand,
  ListRoutingControlsCommand,
  type RoutingControl,
  UpdateRoutingControlStatesCommand,
} from '@aws-sdk/client-route53-recovery-cluster';
import { regionOfRoutingControl } from '../../contracts/routing-control-name.ts';
import { type ClusterEndpointsOptions, connectClusterEndpoints } from './cluster-endpoints.ts';

/**
 * Where Turnout's routing controls live: the cluster's endpoints, and either the control
 * panel (its controls found by name, `turnout-<region>`: the local cluster) or each
 * Region's routing control ARN (the stacks' `routingControlArns` output, as the pipeline
 * definition names them: AWS, where the names carry the environment's prefix).
 */
export type RoutingControlsConfig = ClusterEndpointsOptions &
  (
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
 * data plane, each call on the cluster's endpoints in turn until one answers
 * (`connectClusterEndpoints` says which failures move on).
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
  const cluster = connectClusterEndpoints(config);

  /** Every Turnout routing control, by Region, with its state. */
  async function list(): Promise<RegionControl[]> {
    const arns = config.routingControlArns;
    if (!arns) return listPanel(config.controlPanelArn as string);
    return Promise.all(
      Object.entries(arns).map(async ([region, arn]) => ({ region, arn, on: await get(arn) })),
    );
  }

  async function listPanel(ControlPanelArn: string): Promise<RegionControl[]> {
    return cluster.inTurn(async (client, abortSignal) => {
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
    const answer = await cluster.inTurn((client, abortSignal) =>
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
    await cluster.inTurn((client, abortSignal) =>
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
    destroy: cluster.destroy,
  };
}
