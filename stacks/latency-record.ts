import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';

export interface LatencyRecordArgs {
  /** @example 'api.example.com' */
  name: string;
  zoneId: pulumi.Input<string>;
  region: string;
  /** This Region's custom domain. */
  domain: aws.apigatewayv2.DomainName;
  /**
   * The host the health check calls: this Region's own API address, not the shared
   * name, which would answer from whichever Region is closest to the checker.
   * @example 'abc123.execute-api.us-east-1.amazonaws.com'
   */
  healthCheckHost: pulumi.Input<string>;
  /** @default '/health' */
  healthCheckPath?: string;
  /**
   * This Region's ARC routing control: the record answers only while it is on and the
   * gateway is healthy, so an operator can fail the Region away (`turnout failover`).
   * @default none: the gateway's health check alone
   */
  routingControlArn?: pulumi.Input<string>;
}

export interface LatencyRecord {
  /** The gateway's own health, from Route 53's checkers. */
  healthCheck: aws.route53.HealthCheck;
  /** With a routing control: a health check that is its state (on is healthy)... */
  controlHealthCheck?: aws.route53.HealthCheck;
  /** ...and the one the record uses: healthy only while both are. */
  regionHealthCheck?: aws.route53.HealthCheck;
  record: aws.route53.Record;
}

/**
 * This Region's answer for the shared name: a latency-routed alias record with a health
 * check, so clients reach the closest healthy Region and a failing one drops out.
 *
 * @example
 * createLatencyRecord({ name: 'api.example.com', zoneId, region: 'us-east-1', domain, healthCheckHost }, { parent });
 */
export function createLatencyRecord(
  args: LatencyRecordArgs,
  opts: pulumi.CustomResourceOptions,
): LatencyRecord {
  const healthCheck = new aws.route53.HealthCheck(
    'HealthCheck',
    {
      type: 'HTTPS',
      fqdn: args.healthCheckHost,
      port: 443,
      resourcePath: args.healthCheckPath ?? '/health',
      requestInterval: 10,
      failureThreshold: 3,
      measureLatency: true,
      tags: { Name: `${args.name} ${args.region}` },
    },
    opts,
  );
  const control = args.routingControlArn
    ? createControlHealthChecks(args, healthCheck, opts)
    : undefined;
  const config = args.domain.domainNameConfiguration;
  const record = new aws.route53.Record(
    'LatencyRecord',
    {
      zoneId: args.zoneId,
      name: args.name,
      type: 'A',
      setIdentifier: args.region,
      latencyRoutingPolicies: [{ region: args.region }],
      healthCheckId: (control?.regionHealthCheck ?? healthCheck).id,
      aliases: [
        {
          name: config.targetDomainName,
          zoneId: config.hostedZoneId,
          evaluateTargetHealth: true,
        },
      ],
    },
    opts,
  );
  return { healthCheck, ...control, record };
}

/**
 * A record takes one health check: a calculated one, healthy while both its children
 * are (the gateway's check, and the routing control's state as a check).
 */
function createControlHealthChecks(
  args: LatencyRecordArgs,
  healthCheck: aws.route53.HealthCheck,
  opts: pulumi.CustomResourceOptions,
) {
  const controlHealthCheck = new aws.route53.HealthCheck(
    'RoutingControlHealthCheck',
    {
      type: 'RECOVERY_CONTROL',
      routingControlArn: args.routingControlArn,
      tags: { Name: `${args.name} ${args.region} routing control` },
    },
    opts,
  );
  const regionHealthCheck = new aws.route53.HealthCheck(
    'RegionHealthCheck',
    {
      type: 'CALCULATED',
      childHealthchecks: [healthCheck.id, controlHealthCheck.id],
      childHealthThreshold: 2,
      tags: { Name: `${args.name} ${args.region} gateway and routing control` },
    },
    opts,
  );
  return { controlHealthCheck, regionHealthCheck };
}
