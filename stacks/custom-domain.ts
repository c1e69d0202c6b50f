import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';

export interface CustomDomainArgs {
  /**
   * The public name of the API, shared by the gateway and every REST module.
   * @example 'api.example.com'
   */
  name: string;
  /** The Route 53 hosted zone's ID. */
  zoneId: pulumi.Input<string>;
}

/**
 * A Regional API Gateway custom domain with its ACM certificate, validated through DNS.
 * Every Region has one under the same name; latency records choose between them. The
 * validation record is shared by every Region and outlives each Region's stack.
 *
 * @example
 * createCustomDomain({ name: 'api.example.com', zoneId }, { parent });
 */
export function createCustomDomain(
  args: CustomDomainArgs,
  opts: pulumi.CustomResourceOptions,
): aws.apigatewayv2.DomainName {
  const certificate = new aws.acm.Certificate(
    'Certificate',
    { domainName: args.name, validationMethod: 'DNS' },
    opts,
  );
  const option = certificate.domainValidationOptions.apply((options) => {
    const [first] = options;
    if (!first) throw new Error(`ACM returned no DNS validation record for ${args.name}.`);
    return first;
  });
  const record = new aws.route53.Record(
    'CertificateValidation',
    {
      zoneId: args.zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      // ACM asks every Region's certificate for the same record (one per name and
      // account), so each Region's stack declares it and overwrites the others' copy.
      allowOverwrite: true,
    },
    // Removing one Region's gateway must leave it: the other Regions' certificates renew
    // through it. Left behind after the last Region goes, it validates nothing else.
    { ...opts, retainOnDelete: true },
  );
  const validation = new aws.acm.CertificateValidation(
    'CertificateValidated',
    { certificateArn: certificate.arn, validationRecordFqdns: [record.fqdn] },
    opts,
  );
  return new aws.apigatewayv2.DomainName(
    'Domain',
    {
      domainName: args.name,
      domainNameConfiguration: {
        certificateArn: validation.certificateArn,
        endpointType: 'REGIONAL',
        securityPolicy: 'TLS_1_2',
      },
    },
    opts,
  );
}
