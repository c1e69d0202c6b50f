import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GatewayStack, type GatewayStackArgs } from './gateway-stack.ts';
import {
  ofType,
  one,
  type PulumiRecorder,
  type RecordedResource,
  statements,
  TEST_ACCOUNT,
  usePulumiMocks,
} from './pulumi-test-mocks.ts';
import { testCode } from './test-fixtures.ts';

let recorder: PulumiRecorder;

beforeAll(async () => {
  recorder = await usePulumiMocks('us-east-1');
});
beforeEach(() => recorder.reset());

async function deploy(args: Partial<GatewayStackArgs> = {}): Promise<RecordedResource[]> {
  new GatewayStack(
    'Gateway',
    {
      region: 'us-east-1',
      regions: ['us-east-1', 'eu-west-1'],
      modules: ['ratings', 'message'],
      domain: { name: 'api.example.com', hostedZone: 'example.com' },
      code: testCode,
      entry: 'gateway/lambda.ts',
      ...args,
    },
    { transformations: recorder.transformations },
  );
  return recorder.settle();
}

describe('GatewayStack', () => {
  it('runs the gateway behind its own live alias, which follows each version its stack publishes', async () => {
    const resources = await deploy();
    expect(one(resources, 'aws:lambda/function:Function').inputs).toMatchObject({
      name: 'turnout-gateway',
      handler: 'lambda.handler',
      runtime: 'nodejs24.x',
      publish: true,
      environment: {
        variables: { TURNOUT_REGISTRY_TABLE: 'turnout-registry', NODE_ENV: 'production' },
      },
    });
    // No pipeline deploys the gateway: its stack owns the code, and `live` moves with it.
    expect(one(resources, 'aws:lambda/function:Function').ignoreChanges).toEqual([]);
    const alias = one(resources, 'aws:lambda/alias:Alias');
    expect(alias.inputs).toMatchObject({ name: 'live', functionVersion: '1' });
    expect(alias.ignoreChanges).toEqual([]);
    expect(one(resources, 'aws:iam/role:Role').inputs.name).toBe('turnout-gateway-us-east-1');
  });

  it('may invoke the live alias and the numbered versions of each registered module, never $LATEST', async () => {
    const all = statements(await deploy());
    const invoke = all.find((s) => s.Sid === 'InvokeLiveAliases');
    expect(invoke?.Action).toEqual(['lambda:InvokeFunction']);
    expect(invoke?.Resource).toEqual([
      `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:turnout-message:live`,
      `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:turnout-ratings:live`,
    ]);
    const versions = all.find((s) => s.Sid === 'InvokeNumberedVersions');
    expect(versions?.Resource).toHaveLength(12);
    expect(versions?.Resource).toContain(
      `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:turnout-ratings:??????`,
    );
    const qualifiers = all
      .filter((s) => s.Action.includes('lambda:InvokeFunction'))
      .flatMap((s) => s.Resource.map((arn) => arn.split(':').at(-1) ?? ''));
    for (const qualifier of qualifiers) {
      expect(qualifier).not.toContain('*');
      // An IAM `?` takes one character: `$LATEST` has seven, more than any pattern here.
      expect(qualifier === 'live' || /^\?{1,6}$/.test(qualifier)).toBe(true);
    }
  });

  it('reads the registry table and no other data', async () => {
    const all = statements(await deploy());
    expect(all.map((s) => s.Sid)).toEqual([
      'OwnLogs',
      'ReadRegistry',
      'InvokeLiveAliases',
      'InvokeNumberedVersions',
    ]);
    expect(all.find((s) => s.Sid === 'ReadRegistry')).toMatchObject({
      Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
      Resource: [`arn:aws:dynamodb:us-east-1:${TEST_ACCOUNT}:table/turnout-registry`],
    });
    for (const statement of all) expect(statement.Resource).not.toContain('*');
  });

  it('creates the registry as a global table with pk and sk strings in the home Region', async () => {
    const table = one(await deploy(), 'aws:dynamodb/table:Table');
    expect(table.inputs).toMatchObject({
      name: 'turnout-registry',
      hashKey: 'pk',
      rangeKey: 'sk',
      attributes: [
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'S' },
      ],
      replicas: [
        { regionName: 'eu-west-1', pointInTimeRecovery: true, deletionProtectionEnabled: true },
      ],
      streamViewType: 'NEW_AND_OLD_IMAGES',
      deletionProtectionEnabled: true,
    });
  });

  it('names the registry and every grant under the resource prefix', async () => {
    const resources = await deploy({ resourcePrefix: 'turnoutstg' });
    expect(one(resources, 'aws:dynamodb/table:Table').inputs.name).toBe('turnoutstg-registry');
    expect(one(resources, 'aws:lambda/function:Function').inputs).toMatchObject({
      name: 'turnoutstg-gateway',
      environment: { variables: { TURNOUT_REGISTRY_TABLE: 'turnoutstg-registry' } },
    });
    const arns = statements(resources).flatMap((s) => s.Resource);
    expect(arns.filter((arn) => arn.includes(':function:')).length).toBe(14);
    for (const arn of arns)
      expect(arn).toMatch(/(function|table|log-group:\/aws\/lambda)[:/]turnoutstg-/);
  });

  it('uses the registry replica in another Region instead of creating a table', async () => {
    recorder = await usePulumiMocks('eu-west-1');
    const resources = await deploy({ region: 'eu-west-1', homeRegion: 'us-east-1' });
    expect(ofType(resources, 'aws:dynamodb/table:Table')).toEqual([]);
    const read = statements(resources).find((s) => s.Sid === 'ReadRegistry');
    expect(read?.Resource).toEqual([
      `arn:aws:dynamodb:eu-west-1:${TEST_ACCOUNT}:table/turnout-registry`,
    ]);
    recorder = await usePulumiMocks('us-east-1');
  });

  it('serves the shared domain at its root, where REST modules add their paths', async () => {
    const resources = await deploy();
    expect(one(resources, 'aws:apigatewayv2/domainName:DomainName').inputs).toMatchObject({
      domainName: 'api.example.com',
      domainNameConfiguration: { endpointType: 'REGIONAL', securityPolicy: 'TLS_1_2' },
    });
    const mapping = one(resources, 'aws:apigatewayv2/apiMapping:ApiMapping');
    expect(mapping.inputs.apiMappingKey).toBeUndefined();
    expect(one(resources, 'aws:acm/certificate:Certificate').inputs).toMatchObject({
      domainName: 'api.example.com',
      validationMethod: 'DNS',
    });
  });

  it("keeps the certificate's validation record when the Region's gateway is removed", async () => {
    // ACM asks every Region for the same record: the others renew through it.
    const record = ofType(await deploy(), 'aws:route53/record:Record').find(
      (r) => r.name === 'CertificateValidation',
    );
    expect(record?.inputs).toMatchObject({ allowOverwrite: true, type: 'CNAME' });
    expect(record?.retainOnDelete).toBe(true);
  });

  it('throttles its stage above a module API and writes access logs', async () => {
    const stage = one(await deploy(), 'aws:apigatewayv2/stage:Stage');
    expect(stage.inputs).toMatchObject({
      defaultRouteSettings: { throttlingRateLimit: 5000, throttlingBurstLimit: 5000 },
      accessLogSettings: {
        destinationArn: `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:log-group:/aws/apigateway/turnout-gateway/access`,
      },
    });
  });

  it('answers for the shared name with a latency record per Region behind a health check', async () => {
    const resources = await deploy();
    const health = one(resources, 'aws:route53/healthCheck:HealthCheck');
    expect(health.inputs).toMatchObject({
      type: 'HTTPS',
      fqdn: 'Api-id.execute-api.us-east-1.amazonaws.com',
      // The liveness path: Route 53 cannot send the health samples' secret header.
      resourcePath: '/_turnout/live',
      port: 443,
    });
    const record = ofType(resources, 'aws:route53/record:Record').find(
      (r) => r.name === 'LatencyRecord',
    );
    expect(record?.inputs).toMatchObject({
      zoneId: 'ZEXAMPLE',
      name: 'api.example.com',
      type: 'A',
      setIdentifier: 'us-east-1',
      latencyRoutingPolicies: [{ region: 'us-east-1' }],
      healthCheckId: 'HealthCheck-id',
      aliases: [
        {
          name: 'd-mock.execute-api.us-east-1.amazonaws.com',
          zoneId: 'ZAPIGATEWAY',
          evaluateTargetHealth: true,
        },
      ],
    });
  });

  it('keeps its execute-api address with a domain: the Route 53 health check calls it', async () => {
    const resources = await deploy();
    expect(one(resources, 'aws:apigatewayv2/api:Api').inputs.disableExecuteApiEndpoint).toBe(false);
    expect(one(resources, 'aws:route53/healthCheck:HealthCheck').inputs.fqdn).toContain(
      'execute-api',
    );
  });

  it('gives its function the token issuer, as gateway/lambda.ts reads it', async () => {
    const resources = await deploy({
      auth: {
        issuers: ['https://auth.example.com/', 'https://login.example.com/'],
        audiences: ['turnout-api'],
        jwksUrl: 'https://auth.example.com/.well-known/jwks.json',
      },
    });
    expect(functionEnvironment(resources)).toMatchObject({
      TURNOUT_AUTH_ISSUER: 'https://auth.example.com/,https://login.example.com/',
      TURNOUT_AUTH_AUDIENCE: 'turnout-api',
      TURNOUT_AUTH_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
    });
  });

  it('gives its function the health token, and nothing of either without them', async () => {
    const token = 'k3Vq9x1bJ0pWm2ZsT7yR4nHa';
    const resources = await deploy({ healthToken: token });
    expect(functionEnvironment(resources).TURNOUT_HEALTH_TOKEN).toBe(token);
    // Pulumi sends a secret as a signed wrapper: the state keeps it encrypted.
    expect(one(resources, 'aws:lambda/function:Function').inputs.environment).toMatchObject({
      [SECRET_SIG_KEY]: SECRET_SIG,
    });
    recorder.reset();
    const bare = Object.keys(functionEnvironment(await deploy()));
    expect(bare.filter((name) => /AUTH|HEALTH/.test(name))).toEqual([]);
  });

  it('declares no domain or DNS when none is configured', async () => {
    const resources = await deploy({ domain: undefined });
    expect(ofType(resources, 'aws:route53/record:Record')).toEqual([]);
    expect(ofType(resources, 'aws:apigatewayv2/domainName:DomainName')).toEqual([]);
    expect(one(resources, 'aws:apigatewayv2/api:Api').inputs.disableExecuteApiEndpoint).toBe(false);
  });

  it('alarms on its live alias like a module', async () => {
    const alarms = ofType(await deploy(), 'aws:cloudwatch/metricAlarm:MetricAlarm');
    expect(alarms.map((a) => a.inputs.name)).toEqual([
      'turnout-gateway-live-errors',
      'turnout-gateway-live-throttles',
      'turnout-gateway-live-latency',
    ]);
  });

  it("creates the environment's alarm topic, and every alias alarm notifies it of ALARM and OK", async () => {
    const resources = await deploy();
    const topic = one(resources, 'aws:sns/topic:Topic');
    expect(topic.inputs.name).toBe('turnout-alarms');
    const topicArn = `arn:aws:sns:us-east-1:${TEST_ACCOUNT}:turnout-alarms`;
    for (const alarm of ofType(resources, 'aws:cloudwatch/metricAlarm:MetricAlarm')) {
      expect(alarm.inputs).toMatchObject({ alarmActions: [topicArn], okActions: [topicArn] });
    }
    expect(ofType(resources, 'aws:sns/topicSubscription:TopicSubscription')).toEqual([]);
  });

  it('subscribes an email address or a URL to the alarm topic', async () => {
    const email = one(
      await deploy({ alarmSubscriber: 'oncall@example.com' }),
      'aws:sns/topicSubscription:TopicSubscription',
    );
    expect(email.inputs).toMatchObject({ protocol: 'email', endpoint: 'oncall@example.com' });
    recorder.reset();
    const hook = one(
      await deploy({ alarmSubscriber: 'https://hooks.example.com/alarms' }),
      'aws:sns/topicSubscription:TopicSubscription',
    );
    expect(hook.inputs).toMatchObject({
      protocol: 'https',
      endpoint: 'https://hooks.example.com/alarms',
      topic: `arn:aws:sns:us-east-1:${TEST_ACCOUNT}:turnout-alarms`,
    });
  });
});

/** How Pulumi's wire format marks a secret value (`{ [sig]: secret, value }`). */
const SECRET_SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

/** The gateway function's variables, unwrapped when they hold a secret. */
function functionEnvironment(resources: RecordedResource[]): Record<string, unknown> {
  type Environment = { variables: Record<string, unknown> };
  const environment = one(resources, 'aws:lambda/function:Function').inputs.environment as
    | Environment
    | { value: Environment };
  return 'value' in environment ? environment.value.variables : environment.variables;
}

describe('GatewayStack with Route 53 ARC', () => {
  const ARN = 'arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/west';

  it("creates the environment's cluster, control panel, a routing control per Region and an at-least-one-on rule in the home Region", async () => {
    const resources = await deploy({ recoveryControl: { create: true } });
    expect(one(resources, 'aws:route53recoverycontrol/cluster:Cluster').inputs).toMatchObject({
      name: 'turnout-regions',
    });
    const controls = ofType(resources, 'aws:route53recoverycontrol/routingControl:RoutingControl');
    expect(controls.map((c) => c.inputs.name).sort()).toEqual([
      'turnout-eu-west-1',
      'turnout-us-east-1',
    ]);
    const rule = one(resources, 'aws:route53recoverycontrol/safetyRule:SafetyRule');
    expect(rule.inputs).toMatchObject({
      ruleConfig: { type: 'ATLEAST', threshold: 1, inverted: false },
      waitPeriodMs: 5000,
    });
    const control = (name: string) =>
      `arn:aws:route53-recovery-control::${TEST_ACCOUNT}:controlpanel/routingcontrol/${name}`;
    expect((rule.inputs.assertedControls as string[]).sort()).toEqual([
      control('turnout-eu-west-1'),
      control('turnout-us-east-1'),
    ]);
  });

  it("ties the Region's latency record to its gateway's health and its routing control, both required", async () => {
    const resources = await deploy({ recoveryControl: { create: true } });
    const checks = ofType(resources, 'aws:route53/healthCheck:HealthCheck');
    const control = checks.find((c) => c.name === 'RoutingControlHealthCheck');
    expect(control?.inputs).toMatchObject({
      type: 'RECOVERY_CONTROL',
      routingControlArn: `arn:aws:route53-recovery-control::${TEST_ACCOUNT}:controlpanel/routingcontrol/turnout-us-east-1`,
    });
    const region = checks.find((c) => c.name === 'RegionHealthCheck');
    expect(region?.inputs).toMatchObject({
      type: 'CALCULATED',
      childHealthchecks: ['HealthCheck-id', 'RoutingControlHealthCheck-id'],
      childHealthThreshold: 2,
    });
    const record = ofType(resources, 'aws:route53/record:Record').find(
      (r) => r.name === 'LatencyRecord',
    );
    expect(record?.inputs.healthCheckId).toBe('RegionHealthCheck-id');
  });

  it("in another Region, uses the routing control the home Region's stack made and creates no cluster", async () => {
    const resources = await deploy({
      region: 'eu-west-1',
      homeRegion: 'us-east-1',
      recoveryControl: { routingControlArn: ARN },
    });
    expect(ofType(resources, 'aws:route53recoverycontrol/cluster:Cluster')).toEqual([]);
    const control = ofType(resources, 'aws:route53/healthCheck:HealthCheck').find(
      (c) => c.name === 'RoutingControlHealthCheck',
    );
    expect(control?.inputs.routingControlArn).toBe(ARN);
  });

  it('leaves creating the controls to the home Region, so one setting serves the environment', async () => {
    const resources = await deploy({
      region: 'eu-west-1',
      homeRegion: 'us-east-1',
      recoveryControl: { create: true, routingControlArn: ARN },
    });
    expect(ofType(resources, 'aws:route53recoverycontrol/cluster:Cluster')).toEqual([]);
    expect(ofType(resources, 'aws:route53recoverycontrol/routingControl:RoutingControl')).toEqual(
      [],
    );
  });

  it('keeps the latency record on the gateway health check alone without ARC', async () => {
    const resources = await deploy();
    expect(ofType(resources, 'aws:route53recoverycontrol/cluster:Cluster')).toEqual([]);
    expect(ofType(resources, 'aws:route53/healthCheck:HealthCheck')).toHaveLength(1);
  });
});
