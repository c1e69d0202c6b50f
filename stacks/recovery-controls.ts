import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';

export interface RecoveryControlsArgs {
  /**
   * The environment's resource prefix: the cluster is `<prefix>-regions`.
   * @example 'turnout'
   */
  prefix: string;
  /** Every Region with a gateway: each gets one routing control. */
  regions: string[];
  /**
   * How long the safety rule waits before it lets another change through, so a
   * flapping switch cannot send traffic back and forth. @default 5000
   */
  waitPeriodMs?: number;
}

export interface RecoveryControls {
  cluster: aws.route53recoverycontrol.Cluster;
  controlPanel: aws.route53recoverycontrol.ControlPanel;
  /** Per Region, the switch that lets it take traffic (on) or fails it away (off). */
  routingControls: Record<string, aws.route53recoverycontrol.RoutingControl>;
  /** At least one Region stays on: no failover can take every Region out. */
  safetyRule: aws.route53recoverycontrol.SafetyRule;
}

/**
 * Route 53 Application Recovery Controller for an environment's Regions: a cluster (its
 * five regional data-plane endpoints answer `turnout failover` and the pipeline's pause
 * check), a control panel, one routing control per Region, and a safety rule that at
 * least one of them stays on. Each Region's latency record is tied to its routing control
 * through a Route 53 health check (`createLatencyRecord`). Created once per environment,
 * by the home Region's gateway stack (ARC is a global service, and a cluster is billed by
 * the hour, so only where asked for).
 *
 * @example
 * createRecoveryControls({ prefix: 'turnout', regions: ['us-east-1', 'us-west-2'] }, { parent });
 */
export function createRecoveryControls(
  args: RecoveryControlsArgs,
  opts: pulumi.CustomResourceOptions,
): RecoveryControls {
  const cluster = new aws.route53recoverycontrol.Cluster(
    'RecoveryCluster',
    { name: `${args.prefix}-regions` },
    opts,
  );
  const controlPanel = new aws.route53recoverycontrol.ControlPanel(
    'ControlPanel',
    { name: `${args.prefix}-regions`, clusterArn: cluster.arn },
    opts,
  );
  const routingControls = Object.fromEntries(
    args.regions.map((region) => [
      region,
      new aws.route53recoverycontrol.RoutingControl(
        `RoutingControl-${region}`,
        {
          name: `${args.prefix}-${region}`,
          clusterArn: cluster.arn,
          controlPanelArn: controlPanel.arn,
        },
        opts,
      ),
    ]),
  );
  const safetyRule = new aws.route53recoverycontrol.SafetyRule(
    'AtLeastOneRegion',
    {
      name: `${args.prefix}-at-least-one-region`,
      controlPanelArn: controlPanel.arn,
      assertedControls: Object.values(routingControls).map((control) => control.arn),
      waitPeriodMs: args.waitPeriodMs ?? 5_000,
      ruleConfig: { type: 'ATLEAST', threshold: 1, inverted: false },
    },
    opts,
  );
  return { cluster, controlPanel, routingControls, safetyRule };
}
