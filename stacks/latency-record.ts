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
}

export interface LatencyRecord {
  healthCheck: aws.route53.HealthCheck;
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
  const config = args.domain.domainNameConfiguration;
  const record = new aws.route53.Record(
    'LatencyRecord',
    {
      zoneId: args.zoneId,
      name: args.name,
      type: 'A',
      setIdentifier: args.region,
      latencyRoutingPolicies: [{ region: args.region }],
      healthCheckId: healthCheck.id,
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
  return { healthCheck, record };
}
