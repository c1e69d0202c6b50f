/**
 * Test support (not shipped): Pulumi mocks that record every resource a stack declares,
 * with its inputs and the options that matter (ignoreChanges, dependsOn, retainOnDelete), and give AWS-shaped
 * outputs (ARNs, URLs, versions) so policies and mappings resolve as they would in AWS.
 */
import * as pulumi from '@pulumi/pulumi';

export const TEST_ACCOUNT = '123456789012';

export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  ignoreChanges: string[];
  /** The names of the declared resources it waits for explicitly (`dependsOn`). */
  dependsOn: string[];
  retainOnDelete: boolean;
}

export interface PulumiRecorder {
  /** Pass as the stack's `transformations` so options are recorded too. */
  transformations: pulumi.ResourceTransformation[];
  /** Waits until every declared resource is registered, then lists them. */
  settle(): Promise<RecordedResource[]>;
  /**
   * The Lambda functions the account already has (what ListFunctions answers): a
   * function named here renders as a later deploy of it, one not named as its first.
   * Emptied by reset().
   */
  existingFunctions: Set<string>;
  /**
   * What SQS answers as a queue's URL, by queue name, e.g. a local SQS's; a queue not
   * named here gets an AWS-shaped URL. Emptied by reset().
   */
  queueUrls: Map<string, string>;
  reset(): void;
}

/**
 * Installs the mocks for this test file (vitest runs each file in its own process).
 *
 * @example
 * const recorder = await usePulumiMocks('us-east-1');
 * new ModuleStack('Module', args, { transformations: recorder.transformations });
 * const resources = await recorder.settle();
 */
export async function usePulumiMocks(region = 'us-east-1'): Promise<PulumiRecorder> {
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const inputs = new Map<string, Record<string, unknown>>();
  let declared: {
    resource: pulumi.Resource;
    type: string;
    name: string;
    opts: pulumi.CustomResourceOptions;
  }[] = [];
  const existingFunctions = new Set<string>();
  const queueUrls = new Map<string, string>();
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        inputs.set(`${args.type}::${args.name}`, args.inputs);
        return {
          id: `${args.name}-id`,
          state: mockState(args.type, args.name, args.inputs, region, queueUrls),
        };
      },
      call(args) {
        return mockCall(args.token, args.inputs, region, existingFunctions);
      },
    },
    'turnout',
    'test',
    false,
  );
  return {
    transformations: [
      (args) => {
        declared.push({
          resource: args.resource,
          type: args.type,
          name: args.name,
          opts: args.opts,
        });
        return undefined;
      },
    ],
    async settle() {
      await Promise.all(
        declared.map((d) => new Promise((resolve) => pulumi.output(d.resource.urn).apply(resolve))),
      );
      const nameOf = new Map(declared.map((d) => [d.resource, d.name]));
      return declared
        .filter((d) => !d.type.startsWith('turnout:'))
        .map((d) => ({
          type: d.type,
          name: d.name,
          inputs: inputs.get(`${d.type}::${d.name}`) ?? {},
          ignoreChanges: d.opts.ignoreChanges ?? [],
          dependsOn: [d.opts.dependsOn ?? []]
            .flat()
            .map((r) => nameOf.get(r as pulumi.Resource) ?? '?'),
          retainOnDelete: d.opts.retainOnDelete ?? false,
        }));
    },
    existingFunctions,
    queueUrls,
    reset() {
      declared = [];
      inputs.clear();
      existingFunctions.clear();
      queueUrls.clear();
    },
  };
}

/** The recorded resources of one Pulumi type. */
export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

/** The one recorded resource of a type; throws when there are none or several. */
export function one(resources: RecordedResource[], type: string): RecordedResource {
  const found = ofType(resources, type);
  if (found.length !== 1 || !found[0]) throw new Error(`expected one ${type}, got ${found.length}`);
  return found[0];
}

export interface RecordedStatement {
  Sid: string;
  Action: string[];
  Resource: string[];
}

/** The statements of the stack's one role policy, as AWS would get them. */
export function statements(resources: RecordedResource[]): RecordedStatement[] {
  const policy = one(resources, 'aws:iam/rolePolicy:RolePolicy');
  return (JSON.parse(String(policy.inputs.policy)) as { Statement: RecordedStatement[] }).Statement;
}

function mockState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  region: string,
  queueUrls: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const physical = String(inputs.name ?? name);
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:${region}:${TEST_ACCOUNT}:${resource}`;
  switch (type) {
    case 'aws:lambda/function:Function':
      return {
        ...inputs,
        arn: arn('lambda', `function:${physical}`),
        version: '1',
        invokeArn: `arn:aws:apigateway:${region}:lambda:path/functions/${arn('lambda', `function:${physical}`)}/invocations`,
      };
    case 'aws:lambda/alias:Alias':
      return { ...inputs, arn: arn('lambda', `function:${inputs.functionName}:${physical}`) };
    case 'aws:dynamodb/table:Table': {
      const tableArn = arn('dynamodb', `table/${physical}`);
      const stream = inputs.streamEnabled
        ? { streamArn: `${tableArn}/stream/2026-01-01T00:00:00.000` }
        : {};
      return { ...inputs, arn: tableArn, ...stream };
    }
    case 'aws:sqs/queue:Queue':
      return {
        ...inputs,
        arn: arn('sqs', physical),
        url:
          queueUrls.get(physical) ??
          `https://sqs.${region}.amazonaws.com/${TEST_ACCOUNT}/${physical}`,
      };
    case 'aws:sns/topic:Topic':
      return { ...inputs, arn: arn('sns', physical) };
    case 'aws:iam/role:Role':
      return { ...inputs, arn: `arn:aws:iam::${TEST_ACCOUNT}:role/${physical}` };
    case 'aws:cloudwatch/logGroup:LogGroup':
      return { ...inputs, arn: arn('logs', `log-group:${physical}`) };
    case 'aws:apigatewayv2/api:Api':
      return {
        ...inputs,
        executionArn: arn('execute-api', `${name}-id`),
        apiEndpoint: `https://${name}-id.execute-api.${region}.amazonaws.com`,
      };
    case 'aws:acm/certificate:Certificate':
      return {
        ...inputs,
        arn: arn('acm', `certificate/${name}`),
        domainValidationOptions: [
          {
            domainName: inputs.domainName,
            resourceRecordName: `_check.${inputs.domainName}.`,
            resourceRecordType: 'CNAME',
            resourceRecordValue: '_answer.acm-validations.aws.',
          },
        ],
      };
    case 'aws:route53/record:Record':
      return { ...inputs, fqdn: String(inputs.name).replace(/\.$/, '') };
    case 'aws:apigatewayv2/domainName:DomainName':
      return {
        ...inputs,
        domainNameConfiguration: {
          ...(inputs.domainNameConfiguration as object),
          targetDomainName: `d-mock.execute-api.${region}.amazonaws.com`,
          hostedZoneId: 'ZAPIGATEWAY',
        },
      };
    case 'aws:route53recoverycontrol/cluster:Cluster':
      return {
        ...inputs,
        arn: `arn:aws:route53-recovery-control::${TEST_ACCOUNT}:cluster/${physical}`,
        clusterEndpoints: [
          'us-east-1',
          'us-west-2',
          'eu-west-1',
          'ap-northeast-1',
          'ap-southeast-2',
        ].map((endpointRegion) => ({
          endpoint: `https://host-${endpointRegion}.example.route53-recovery-cluster.${endpointRegion}.amazonaws.com/v1`,
          region: endpointRegion,
        })),
      };
    case 'aws:route53recoverycontrol/controlPanel:ControlPanel':
    case 'aws:route53recoverycontrol/routingControl:RoutingControl':
    case 'aws:route53recoverycontrol/safetyRule:SafetyRule':
      return {
        ...inputs,
        arn: `arn:aws:route53-recovery-control::${TEST_ACCOUNT}:controlpanel/${type.split(':').at(-1)?.toLowerCase()}/${physical}`,
      };
    default:
      return { ...inputs, arn: arn('mock', `${type}/${physical}`) };
  }
}

function mockCall(
  token: string,
  inputs: Record<string, unknown>,
  region: string,
  existingFunctions: ReadonlySet<string>,
) {
  switch (token) {
    case 'aws:lambda/getFunctions:getFunctions':
      return {
        functionNames: [...existingFunctions],
        functionArns: [...existingFunctions].map(
          (name) => `arn:aws:lambda:${region}:${TEST_ACCOUNT}:function:${name}`,
        ),
      };
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return {
        accountId: TEST_ACCOUNT,
        arn: `arn:aws:iam::${TEST_ACCOUNT}:user/test`,
        userId: 'test',
      };
    case 'aws:index/getPartition:getPartition':
      return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
    case 'aws:index/getRegion:getRegion':
      return { name: region, region, id: region };
    case 'aws:route53/getZone:getZone':
      return { ...inputs, zoneId: 'ZEXAMPLE', id: 'ZEXAMPLE' };
    case 'aws:dynamodb/getTable:getTable':
      return {
        ...inputs,
        arn: `arn:aws:dynamodb:${region}:${TEST_ACCOUNT}:table/${inputs.name}`,
        streamArn: `arn:aws:dynamodb:${region}:${TEST_ACCOUNT}:table/${inputs.name}/stream/2026-01-01T00:00:00.000`,
      };
    default:
      return inputs;
  }
}
