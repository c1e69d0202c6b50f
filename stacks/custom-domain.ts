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
 * Every Region has one under the same name; latency records choose between them.
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
      // Each Region's certificate asks for the same record; the stacks share it.
      allowOverwrite: true,
    },
    opts,
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
