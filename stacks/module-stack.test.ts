import * as pulumi from '@pulumi/pulumi';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModuleManifest } from '../modules/kit/index.ts';
import { defineModule } from '../modules/kit/index.ts';
import { ImpossibleManifestError } from './errors.ts';
import { ModuleStack, type ModuleStackArgs } from './module-stack.ts';
import {
  ofType,
  one,
  type PulumiRecorder,
  type RecordedResource,
  statements,
  TEST_ACCOUNT,
  usePulumiMocks,
} from './pulumi-test-mocks.ts';
import { messageModule, navigateModule, ratingsModule, testCode } from './test-fixtures.ts';

let recorder: PulumiRecorder;

beforeAll(async () => {
  recorder = await usePulumiMocks('us-east-1');
});
beforeEach(() => recorder.reset());

const TEST_AUTH = {
  issuers: ['https://auth.example.com/'],
  audiences: ['turnout-api'],
  jwksUrl: 'https://auth.example.com/.well-known/jwks.json',
};

async function deploy(
  manifest: ModuleManifest,
  args: Partial<ModuleStackArgs> = {},
): Promise<RecordedResource[]> {
  new ModuleStack(
    'Module',
    { manifest, region: 'us-east-1', code: testCode, domain: 'api.example.com', ...args },
    { transformations: recorder.transformations },
  );
  return recorder.settle();
}

describe('ModuleStack', () => {
  it('creates the function with its first bundle as version 1, on a current Node.js runtime', async () => {
    const fn = one(await deploy(ratingsModule), 'aws:lambda/function:Function');
    expect(fn.inputs).toMatchObject({
      name: 'turnout-ratings',
      publish: true,
      runtime: 'nodejs24.x',
      handler: 'handler.handler',
      timeout: 10,
      // The words the pipeline writes on each version it publishes.
      description: 'ratings (owner: team-ratings, tier: medium)',
    });
  });

  it('creates the live alias and leaves its version and routing to the pipeline', async () => {
    const alias = one(await deploy(ratingsModule), 'aws:lambda/alias:Alias');
    expect(alias.inputs).toMatchObject({
      name: 'live',
      functionName: 'turnout-ratings',
      functionVersion: '1',
    });
    expect(alias.ignoreChanges).toEqual(['functionVersion', 'routingConfig']);
  });

  it('publishes nothing and keeps the pipeline code when a later deploy brings other code', async () => {
    recorder.existingFunctions.add('turnout-ratings');
    const changed = new pulumi.asset.AssetArchive({
      'handler.mjs': new pulumi.asset.StringAsset('export const handler = async () => 2;'),
    });
    const resources = await deploy(ratingsModule, { code: changed });
    const fn = one(resources, 'aws:lambda/function:Function');
    // With publish false the provider publishes no version, whatever it updates; the
    // engine keeps the code in the state (the pipeline's) over the program's.
    expect(fn.inputs.publish).toBe(false);
    expect(fn.ignoreChanges).toEqual(['code', 'sourceCodeHash']);
    expect(one(resources, 'aws:lambda/alias:Alias').ignoreChanges).toContain('functionVersion');
  });

  it('tells the function its tables and queues through the kit environment names', async () => {
    const fn = one(await deploy(ratingsModule), 'aws:lambda/function:Function');
    const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
    expect(variables).toMatchObject({
      TURNOUT_MODULE: 'ratings',
      TURNOUT_TABLE_VOTES: 'turnout-ratings-votes',
      TURNOUT_QUEUE_RECOUNT_URL: `https://sqs.us-east-1.amazonaws.com/${TEST_ACCOUNT}/turnout-ratings-recount`,
    });
  });

  it('creates a global table with its index, TTL and replica in the home Region', async () => {
    const table = one(await deploy(ratingsModule), 'aws:dynamodb/table:Table');
    expect(table.inputs).toMatchObject({
      name: 'turnout-ratings-votes',
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'pk',
      rangeKey: 'sk',
      ttl: { attributeName: 'expiresAt', enabled: true },
      streamEnabled: true,
      streamViewType: 'NEW_AND_OLD_IMAGES',
      replicas: [
        { regionName: 'eu-west-1', pointInTimeRecovery: true, deletionProtectionEnabled: true },
      ],
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
    });
    expect(table.inputs.attributes).toEqual([
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'S' },
      { name: 'titleId', type: 'S' },
      { name: 'at', type: 'N' },
    ]);
    expect(table.inputs.globalSecondaryIndexes).toEqual([
      {
        name: 'byTitle',
        projectionType: 'ALL',
        keySchemas: [
          { attributeName: 'titleId', keyType: 'HASH' },
          { attributeName: 'at', keyType: 'RANGE' },
        ],
      },
    ]);
  });

  it('leaves tables and replicas unprotected when the stage may be removed', async () => {
    const table = one(
      await deploy(ratingsModule, { protectData: false }),
      'aws:dynamodb/table:Table',
    );
    expect(table.inputs).toMatchObject({
      deletionProtectionEnabled: false,
      pointInTimeRecovery: { enabled: true },
      replicas: [
        { regionName: 'eu-west-1', pointInTimeRecovery: true, deletionProtectionEnabled: false },
      ],
    });
  });

  it('deduplicates FIFO queues by content, so a send without a deduplication id is taken', async () => {
    const ordered = defineModule({
      name: 'orders',
      owner: 'team-x',
      tier: 'low',
      rest: { prefixes: ['/orders'] },
      queues: { steps: { fifo: true } },
    });
    const queues = ofType(await deploy(ordered), 'aws:sqs/queue:Queue');
    expect(queues.map((q) => [q.inputs.name, q.inputs.contentBasedDeduplication])).toEqual([
      ['turnout-orders-steps-dlq.fifo', true],
      ['turnout-orders-steps.fifo', true],
    ]);
  });

  it('reserves the concurrency the manifest declares, and none when it declares none', async () => {
    const reserved = defineModule({
      name: 'hello',
      owner: 'team-x',
      tier: 'low',
      rest: { prefixes: ['/hello'] },
      function: { reservedConcurrency: 50 },
    });
    const fn = (manifest: ModuleManifest) =>
      deploy(manifest).then((r) => one(r, 'aws:lambda/function:Function').inputs);
    expect((await fn(reserved)).reservedConcurrentExecutions).toBe(50);
    recorder.reset();
    expect((await fn(ratingsModule)).reservedConcurrentExecutions).toBeUndefined();
  });

  it("sets the manifest's runtime settings from the stage's variables", async () => {
    const awards = defineModule({
      name: 'awards',
      owner: 'team-awards',
      tier: 'low',
      graphql: { sdl: 'type Query { a: Int }' },
      runtime: {
        environment: {
          TURNOUT_AWARDS_SERVICE_URL: {
            description: 'the base URL of the awards service',
            fromStage: 'AWARDS_SERVICE_URL',
          },
        },
      },
    });
    const stage = {
      name: 'prod-us-east-1',
      settings: { AWARDS_SERVICE_URL: 'https://awards.internal' },
    };
    const fn = one(await deploy(awards, { stage }), 'aws:lambda/function:Function');
    expect(fn.inputs.environment).toEqual({
      variables: {
        NODE_OPTIONS: '--enable-source-maps',
        TURNOUT_AWARDS_SERVICE_URL: 'https://awards.internal',
        TURNOUT_MODULE: 'awards',
      },
    });
    recorder.reset();
    expect(
      () => new ModuleStack('Module', { manifest: awards, region: 'us-east-1', code: testCode }),
    ).toThrow(expect.objectContaining({ code: 'RUNTIME_SETTING_MISSING' }));
    expect(await recorder.settle()).toEqual([]);
  });

  it('refers to the replica instead of creating the table again in a replica Region', async () => {
    const resources = await deploy(ratingsModule, { region: 'eu-west-1', homeRegion: 'us-east-1' });
    expect(ofType(resources, 'aws:dynamodb/table:Table')).toEqual([]);
    const tables = statements(resources).find((s) => s.Sid === 'OwnTables');
    expect(tables?.Resource).toContain(
      `arn:aws:dynamodb:eu-west-1:${TEST_ACCOUNT}:table/turnout-ratings-votes`,
    );
  });

  it('gives every queue a dead-letter queue after maxReceiveCount receives', async () => {
    const queues = ofType(await deploy(ratingsModule), 'aws:sqs/queue:Queue');
    const main = queues.find((q) => q.inputs.name === 'turnout-ratings-recount');
    const dead = queues.find((q) => q.inputs.name === 'turnout-ratings-recount-dlq');
    expect(dead?.inputs.messageRetentionSeconds).toBe(1_209_600);
    expect(JSON.parse(String(main?.inputs.redrivePolicy))).toEqual({
      deadLetterTargetArn: `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:turnout-ratings-recount-dlq`,
      maxReceiveCount: 3,
    });
    expect(main?.inputs.visibilityTimeoutSeconds).toBe(60);
  });

  it('maps a consumed queue to the live alias, never to the bare function', async () => {
    const mapping = one(
      await deploy(ratingsModule),
      'aws:lambda/eventSourceMapping:EventSourceMapping',
    );
    expect(mapping.inputs).toMatchObject({
      eventSourceArn: `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:turnout-ratings-recount`,
      functionName: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:turnout-ratings:live`,
      batchSize: 20,
      maximumBatchingWindowInSeconds: 1,
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(mapping.dependsOn).toEqual(['FunctionLive']);
  });

  it('grants only its own tables, indexes and queues, each by ARN', async () => {
    const all = statements(await deploy(ratingsModule));
    const table = `arn:aws:dynamodb:us-east-1:${TEST_ACCOUNT}:table/turnout-ratings-votes`;
    const queue = `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:turnout-ratings-recount`;
    expect(all.map((s) => s.Sid)).toEqual([
      'OwnLogs',
      'OwnTables',
      'SendToOwnQueues',
      'ConsumeOwnQueues',
    ]);
    expect(all.find((s) => s.Sid === 'OwnTables')?.Resource).toEqual([
      table,
      `${table}/index/byTitle`,
    ]);
    expect(all.find((s) => s.Sid === 'SendToOwnQueues')?.Resource).toEqual([queue]);
    expect(all.find((s) => s.Sid === 'ConsumeOwnQueues')?.Resource).toEqual([queue]);
    expect(all.find((s) => s.Sid === 'OwnLogs')?.Resource).toEqual([
      `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:log-group:/aws/lambda/turnout-ratings:*`,
    ]);
  });

  it('never grants a wildcard resource', async () => {
    for (const manifest of [ratingsModule, messageModule]) {
      recorder.reset();
      const resources = await deploy(manifest, {
        streamConsumers: manifest === messageModule ? { messages: {} } : {},
      });
      for (const statement of statements(resources)) {
        for (const resource of statement.Resource) {
          expect(resource).not.toBe('*');
          expect(resource).toMatch(/^arn:aws:(dynamodb|sqs|logs):us-east-1:123456789012:/);
        }
      }
    }
  });

  it('reads a table stream it consumes, through the alias', async () => {
    const resources = await deploy(messageModule, {
      streamConsumers: { messages: { batchSize: 50 } },
    });
    const mapping = one(resources, 'aws:lambda/eventSourceMapping:EventSourceMapping');
    expect(mapping.inputs).toMatchObject({
      eventSourceArn: `arn:aws:dynamodb:us-east-1:${TEST_ACCOUNT}:table/turnout-message-messages/stream/2026-01-01T00:00:00.000`,
      functionName: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:turnout-message:live`,
      startingPosition: 'LATEST',
      batchSize: 50,
    });
    const stream = statements(resources).find((s) => s.Sid === 'OwnTableStreams');
    expect(stream?.Resource).toEqual([
      `arn:aws:dynamodb:us-east-1:${TEST_ACCOUNT}:table/turnout-message-messages/stream/*`,
    ]);
  });

  it('serves a REST module from its own HTTP API mapped on the shared domain at its path', async () => {
    const resources = await deploy(navigateModule, { otherModules: [messageModule] });
    const api = one(resources, 'aws:apigatewayv2/api:Api');
    expect(api.inputs).toMatchObject({
      name: 'turnout-navigate',
      protocolType: 'HTTP',
      disableExecuteApiEndpoint: true,
    });
    const mappings = ofType(resources, 'aws:apigatewayv2/apiMapping:ApiMapping');
    expect(mappings.map((m) => m.inputs.apiMappingKey)).toEqual(['navigate', 'fleet/loads']);
    for (const mapping of mappings) expect(mapping.inputs.domainName).toBe('api.example.com');
    const integration = one(resources, 'aws:apigatewayv2/integration:Integration');
    expect(integration.inputs).toMatchObject({
      integrationType: 'AWS_PROXY',
      payloadFormatVersion: '2.0',
      integrationUri: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:turnout-navigate:live`,
    });
    const permission = one(resources, 'aws:lambda/permission:Permission');
    expect(permission.inputs).toMatchObject({
      qualifier: 'live',
      principal: 'apigateway.amazonaws.com',
    });
    // A permission on `live` is refused until the alias exists.
    expect(permission.dependsOn).toContain('FunctionLive');
  });

  it('answers only through the domain when there is one, else on its execute-api address', async () => {
    const api = (resources: RecordedResource[]) => one(resources, 'aws:apigatewayv2/api:Api');
    expect(api(await deploy(navigateModule)).inputs.disableExecuteApiEndpoint).toBe(true);
    recorder.reset();
    const alone = await deploy(navigateModule, { domain: undefined });
    expect(api(alone).inputs.disableExecuteApiEndpoint).toBe(false);
    expect(ofType(alone, 'aws:apigatewayv2/apiMapping:ApiMapping')).toEqual([]);
  });

  it('checks bearer tokens with a JWT authorizer on its route when the stage names an issuer', async () => {
    const resources = await deploy(navigateModule, { auth: TEST_AUTH });
    const authorizer = one(resources, 'aws:apigatewayv2/authorizer:Authorizer');
    expect(authorizer.inputs).toMatchObject({
      apiId: 'Api-id',
      authorizerType: 'JWT',
      identitySources: ['$request.header.Authorization'],
      jwtConfiguration: { issuer: 'https://auth.example.com/', audiences: ['turnout-api'] },
    });
    expect(one(resources, 'aws:apigatewayv2/route:Route').inputs).toMatchObject({
      routeKey: '$default',
      authorizationType: 'JWT',
      authorizerId: 'ApiAuthorizer-id',
    });
  });

  it('lets every request through its API without an issuer, and declares no authorizer for a GraphQL module', async () => {
    const open = await deploy(navigateModule);
    expect(ofType(open, 'aws:apigatewayv2/authorizer:Authorizer')).toEqual([]);
    expect(one(open, 'aws:apigatewayv2/route:Route').inputs.authorizationType).toBeUndefined();
    recorder.reset();
    const graphql = await deploy(ratingsModule, { auth: TEST_AUTH });
    expect(ofType(graphql, 'aws:apigatewayv2/authorizer:Authorizer')).toEqual([]);
  });

  it('refuses several issuers for a REST module, which one JWT authorizer cannot take', () => {
    const auth = { ...TEST_AUTH, issuers: ['https://a.example.com/', 'https://b.example.com/'] };
    expect(
      () =>
        new ModuleStack('Module', {
          manifest: navigateModule,
          region: 'us-east-1',
          code: testCode,
          auth,
        }),
    ).toThrow(expect.objectContaining({ name: 'SettingsError', code: 'AUTH_SEVERAL_ISSUERS' }));
  });

  it("throttles its API's stage and writes an access log line per request", async () => {
    const resources = await deploy(navigateModule, {
      throttle: { rateLimit: 200, burstLimit: 100 },
    });
    const stage = one(resources, 'aws:apigatewayv2/stage:Stage');
    const logs = ofType(resources, 'aws:cloudwatch/logGroup:LogGroup').find(
      (g) => g.name === 'ApiAccessLogs',
    );
    expect(logs?.inputs).toMatchObject({
      name: '/aws/apigateway/turnout-navigate/access',
      retentionInDays: 30,
    });
    expect(stage.inputs).toMatchObject({
      defaultRouteSettings: { throttlingRateLimit: 200, throttlingBurstLimit: 100 },
      accessLogSettings: {
        destinationArn: `arn:aws:logs:us-east-1:${TEST_ACCOUNT}:log-group:/aws/apigateway/turnout-navigate/access`,
      },
    });
    const format = JSON.parse(
      String((stage.inputs.accessLogSettings as { format: string }).format),
    ) as Record<string, string>;
    expect(format).toMatchObject({ status: '$context.status', path: '$context.path' });
  });

  it('gives a GraphQL-only module no HTTP API of its own', async () => {
    const resources = await deploy(ratingsModule);
    expect(ofType(resources, 'aws:apigatewayv2/api:Api')).toEqual([]);
  });

  it('alarms on the live alias for errors, throttles and latency', async () => {
    const alarms = ofType(await deploy(ratingsModule), 'aws:cloudwatch/metricAlarm:MetricAlarm');
    expect(alarms.map((a) => a.inputs.name)).toEqual([
      'turnout-ratings-live-errors',
      'turnout-ratings-live-throttles',
      'turnout-ratings-live-latency',
    ]);
    const dimensions = { FunctionName: 'turnout-ratings', Resource: 'turnout-ratings:live' };
    const [errors, throttles, latency] = alarms;
    expect(errors?.inputs).toMatchObject({
      threshold: 0.01,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(JSON.stringify(errors?.inputs.metricQueries)).toContain(
      '"Resource":"turnout-ratings:live"',
    );
    expect(throttles?.inputs).toMatchObject({ metricName: 'Throttles', dimensions, threshold: 1 });
    expect(latency?.inputs).toMatchObject({
      metricName: 'Duration',
      dimensions,
      extendedStatistic: 'p99',
      threshold: 8000,
    });
  });

  it("notifies the environment's alarm topic, which the gateway stack of its Region created", async () => {
    const resources = await deploy(ratingsModule, { resourcePrefix: 'staging' });
    const topicArn = `arn:aws:sns:us-east-1:${TEST_ACCOUNT}:staging-alarms`;
    const alarms = ofType(resources, 'aws:cloudwatch/metricAlarm:MetricAlarm');
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms) {
      expect(alarm.inputs).toMatchObject({ alarmActions: [topicArn], okActions: [topicArn] });
    }
    expect(ofType(resources, 'aws:sns/topic:Topic')).toEqual([]);
  });

  describe('refuses an impossible manifest', () => {
    it('when another module owns the REST prefix', () => {
      const copy = defineModule({
        name: 'message-v2',
        owner: 'team-x',
        tier: 'low',
        rest: { prefixes: ['/message'] },
      });
      expect(
        () =>
          new ModuleStack('Module', {
            manifest: copy,
            otherModules: [messageModule],
            region: 'us-east-1',
            code: testCode,
          }),
      ).toThrow(
        expect.objectContaining({
          name: 'ImpossibleManifestError',
          code: 'REST_PREFIX_TAKEN',
          message: expect.stringContaining('belongs to module "message"'),
        }),
      );
    });

    it('when a stream consumer names a table the manifest does not declare', () => {
      const create = () =>
        new ModuleStack('Module', {
          manifest: messageModule,
          region: 'us-east-1',
          code: testCode,
          streamConsumers: { mesages: {} },
        });
      expect(create).toThrow(ImpossibleManifestError);
      expect(create).toThrow(
        /table "mesages", which the manifest does not declare \(tables: "messages"\)/,
      );
    });
  });
});
