import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { functionDescription } from '../control-plane/build/index.ts';
import {
  DEFAULT_RESOURCE_PREFIX,
  functionName,
  type ModuleManifest,
  queueUrlEnvName,
  type RuntimeStage,
  resolveRuntimeEnvironment,
  roleName,
  tableEnvName,
  unitEnvironment,
} from '../modules/kit/index.ts';
import { alarmTopicArn } from './alarm-topic.ts';
import { type AliasAlarms, type AliasAlarmThresholds, createAliasAlarms } from './alias-alarms.ts';
import type { AuthSettings } from './auth-settings.ts';
import { bundleHandler } from './bundle-handler.ts';
import { capitalize } from './capitalize.ts';
import { checkModuleManifest, type StreamConsumer } from './check-module-manifest.ts';
import { SettingsError } from './errors.ts';
import { getAccount } from './get-account.ts';
import {
  type ApiThrottle,
  createHttpApi,
  type HttpApi,
  type JwtAuthorizerSettings,
} from './http-api.ts';
import { createModuleQueues, type ModuleQueue } from './module-queues.ts';
import { createModuleTables, type ModuleTable } from './module-tables.ts';
import type { PolicyStatement } from './policy-document.ts';
import { createVersionedFunction, type VersionedFunction } from './versioned-function.ts';

export interface ModuleStackArgs {
  /** The module's validated manifest (`modules/<name>/module.ts`); a cell's own (`cellUnitManifest`). */
  manifest: ModuleManifest;
  /**
   * The folder under modules/ whose code the function runs: a cell's stack runs its
   * module's code under the cell's names.
   * @default the manifest's name
   */
  codeModule?: string;
  /**
   * Every other module's manifest, to refuse a REST prefix another module owns.
   * @default []
   */
  otherModules?: ModuleManifest[];
  /**
   * The Region of this stage.
   * @example 'us-east-1'
   */
  region: string;
  /**
   * The Region whose stack creates global tables and their replicas.
   * @default region
   */
  homeRegion?: string;
  /**
   * The first part of every physical name, as the pipeline and the gateway use it.
   * @default 'turnout'
   */
  resourcePrefix?: string;
  /**
   * The stage and its variables, for the values of the manifest's `runtime.environment`.
   * @default { name: region, settings: {} }
   * @example { name: 'prod-us-east-1', settings: process.env }
   */
  stage?: RuntimeStage;
  /**
   * The shared custom domain that the gateway stack of this Region created. REST
   * prefixes are mapped on it; without it a REST module answers on its own API address.
   * @example 'api.example.com'
   */
  domain?: string;
  /**
   * The function's first code; later code is the pipeline's.
   * @default the bundle of `modules/<name>/<handler file>.ts`
   */
  code?: pulumi.Input<pulumi.asset.Archive>;
  /**
   * Table streams the function consumes, by logical table name.
   * @default {}
   * @example { votes: { batchSize: 100 } }
   */
  streamConsumers?: Record<string, StreamConsumer>;
  /** @default see AliasAlarmThresholds */
  alarms?: AliasAlarmThresholds;
  /** @default [the alarm topic the gateway stack of this Region created] */
  alarmActions?: pulumi.Input<string>[];
  /**
   * Deletion protection on the module's tables and replicas; `deployUnit` sets it for
   * production stages only (`isProductionEnvironment`), so others can be removed.
   * @default true
   */
  protectData?: boolean;
  /** @default { rateLimit: 1000, burstLimit: 2000 } for a REST module's own API */
  throttle?: ApiThrottle;
  /**
   * The token issuer the gateway verifies against. A REST module's API gets a JWT
   * authorizer with its issuer and audiences, so a request through its API mappings
   * carries the caller in `requestContext.authorizer.jwt` as through the gateway.
   * @default none: the module's API lets every request through
   */
  auth?: AuthSettings;
}

/**
 * One module, deployed alone: its function and `live` alias (the stack publishes version
 * 1; every later version is the pipeline's), its tables and queues (with dead-letter
 * queues and consumers on the alias), its HTTP API mapped on the shared domain for REST
 * modules, least-privilege IAM and alias alarms.
 *
 * @example
 * new ModuleStack('Module', { manifest, otherModules, region: 'us-east-1', domain: 'api.example.com' });
 */
export class ModuleStack extends pulumi.ComponentResource {
  readonly target: VersionedFunction;
  readonly tables: ModuleTable[];
  readonly queues: ModuleQueue[];
  readonly api?: HttpApi;
  readonly alarms: AliasAlarms;

  constructor(name: string, args: ModuleStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('turnout:stacks:ModuleStack', name, {}, opts);
    const parent = { parent: this };
    const settings = normalizeArgs(args);
    checkModuleManifest(args.manifest, settings);
    const account = getAccount(parent);
    this.tables = createModuleTables({ ...settings, account }, parent);
    this.queues = createModuleQueues(settings, parent);
    this.target = createVersionedFunction(
      'Function',
      {
        name: settings.functionName,
        roleName: roleName(settings.module, settings.region, settings.resourcePrefix),
        code: args.code ?? bundleModule(args.manifest, settings.functionName, args.codeModule),
        handler: args.manifest.function.handler,
        timeoutSeconds: args.manifest.function.timeoutSeconds,
        memoryMB: args.manifest.function.memoryMB,
        reservedConcurrency: args.manifest.function.reservedConcurrency,
        description: functionDescription(args.manifest),
        environment: createEnvironment(args.manifest, settings, this.tables, this.queues),
        statements: createDataStatements(this.tables, this.queues, settings.streamConsumers),
        codeOwner: 'pipeline',
      },
      parent,
    );
    createQueueConsumers(this.queues, this.target, parent);
    createStreamConsumers(this.tables, settings.streamConsumers, this.target, parent);
    this.api = createRestEntry(args.manifest, settings, this.target, parent);
    this.alarms = createAliasAlarms(
      {
        functionName: settings.functionName,
        timeoutSeconds: args.manifest.function.timeoutSeconds,
        thresholds: args.alarms,
        alarmActions: args.alarmActions ?? [
          alarmTopicArn(account, settings.region, settings.resourcePrefix),
        ],
      },
      parent,
    );
    this.registerOutputs({ aliasArn: this.target.alias.arn });
  }
}

function normalizeArgs(args: ModuleStackArgs) {
  const resourcePrefix = args.resourcePrefix ?? DEFAULT_RESOURCE_PREFIX;
  return {
    module: args.manifest.name,
    tables: args.manifest.tables,
    queues: args.manifest.queues,
    otherModules: args.otherModules ?? [],
    region: args.region,
    homeRegion: args.homeRegion ?? args.region,
    resourcePrefix,
    // Resolved first: a stage without a value stops the stack before it declares anything.
    runtimeEnvironment: resolveRuntimeEnvironment(
      args.manifest,
      args.stage ?? { name: args.region, settings: {} },
    ),
    protect: args.protectData ?? true,
    domain: args.domain,
    throttle: args.throttle,
    jwtAuthorizer: jwtAuthorizerOf(args.manifest, args.auth),
    streamConsumers: args.streamConsumers ?? {},
    functionName: functionName(args.manifest.name, resourcePrefix),
  };
}

type Settings = ReturnType<typeof normalizeArgs>;

/**
 * A REST module's authorizer settings. API Gateway's JWT authorizer takes one issuer,
 * the gateway several: refused before anything is declared rather than half-enforced.
 *
 * @throws SettingsError AUTH_SEVERAL_ISSUERS
 */
function jwtAuthorizerOf(
  manifest: ModuleManifest,
  auth: AuthSettings | undefined,
): JwtAuthorizerSettings | undefined {
  if (!auth || (manifest.rest?.prefixes ?? []).length === 0) return undefined;
  const [issuer, ...others] = auth.issuers;
  if (!issuer || others.length > 0) {
    throw new SettingsError(
      'AUTH_SEVERAL_ISSUERS',
      `TURNOUT_AUTH_ISSUER names ${auth.issuers.length} issuers, and the REST module "${manifest.name}"'s API Gateway JWT authorizer takes exactly one: give one issuer, or deploy its stack with a one-issuer TURNOUT_AUTH_ISSUER.`,
    );
  }
  return { issuer, audiences: auth.audiences };
}

function bundleModule(
  manifest: ModuleManifest,
  name: string,
  codeModule = manifest.name,
): Promise<pulumi.asset.Archive> {
  const handler = manifest.function.handler;
  const file = handler.slice(0, handler.lastIndexOf('.')) || 'handler';
  return bundleHandler({
    entry: `modules/${codeModule}/${file}.ts`,
    outDir: `.sst/turnout/${name}`,
  });
}

/**
 * What the function reads from its environment: its name, its tables and queues, and
 * the manifest's runtime settings with this stage's values. The pipeline copies it into
 * each version it publishes.
 */
function createEnvironment(
  manifest: ModuleManifest,
  settings: Settings,
  tables: ModuleTable[],
  queues: ModuleQueue[],
): Record<string, pulumi.Input<string>> {
  return {
    ...settings.runtimeEnvironment,
    ...unitEnvironment(manifest),
    ...Object.fromEntries(tables.map((t) => [tableEnvName(t.logicalName), t.name])),
    ...Object.fromEntries(queues.map((q) => [queueUrlEnvName(q.logicalName), q.queue.url])),
  };
}

/** Its own tables, indexes, streams and queues, each by ARN: never a `*` on data. */
export function createDataStatements(
  tables: ModuleTable[],
  queues: ModuleQueue[],
  streamConsumers: Record<string, StreamConsumer>,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (tables.length > 0) {
    statements.push({
      Sid: 'OwnTables',
      Effect: 'Allow',
      Action: TABLE_ACTIONS,
      Resource: tables.flatMap((t) => [
        t.arn,
        ...t.indexNames.map((index) => pulumi.interpolate`${t.arn}/index/${index}`),
      ]),
    });
  }
  const consumed = tables.filter((t) => streamConsumers[t.logicalName] && t.streamArn);
  if (consumed.length > 0) {
    statements.push({
      Sid: 'OwnTableStreams',
      Effect: 'Allow',
      Action: STREAM_ACTIONS,
      Resource: consumed.map((t) => pulumi.interpolate`${t.arn}/stream/*`),
    });
  }
  if (queues.length > 0) {
    statements.push({
      Sid: 'SendToOwnQueues',
      Effect: 'Allow',
      Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      Resource: queues.map((q) => q.queue.arn),
    });
  }
  const consumers = queues.filter((q) => q.manifest.consumer);
  if (consumers.length > 0) {
    statements.push({
      Sid: 'ConsumeOwnQueues',
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'],
      Resource: consumers.map((q) => q.queue.arn),
    });
  }
  return statements;
}

const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];

const STREAM_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];

function createQueueConsumers(
  queues: ModuleQueue[],
  target: VersionedFunction,
  opts: pulumi.CustomResourceOptions,
): void {
  for (const { logicalName, manifest, queue } of queues) {
    if (!manifest.consumer) continue;
    const { batchSize } = manifest.consumer;
    new aws.lambda.EventSourceMapping(
      `Consume${capitalize(logicalName)}`,
      {
        eventSourceArn: queue.arn,
        // The alias, so the pipeline's traffic shift covers queue consumers too.
        functionName: target.alias.arn,
        batchSize,
        // Standard queues need a batching window for batches above 10.
        maximumBatchingWindowInSeconds: batchSize > 10 ? 1 : undefined,
        functionResponseTypes: ['ReportBatchItemFailures'],
      },
      { ...opts, dependsOn: [target.alias] },
    );
  }
}

function createStreamConsumers(
  tables: ModuleTable[],
  consumers: Record<string, StreamConsumer>,
  target: VersionedFunction,
  opts: pulumi.CustomResourceOptions,
): void {
  for (const table of tables) {
    const consumer = consumers[table.logicalName];
    if (!consumer || !table.streamArn) continue;
    new aws.lambda.EventSourceMapping(
      `Stream${capitalize(table.logicalName)}`,
      {
        eventSourceArn: table.streamArn,
        functionName: target.alias.arn,
        startingPosition: consumer.startingPosition ?? 'LATEST',
        batchSize: consumer.batchSize ?? 100,
        functionResponseTypes: ['ReportBatchItemFailures'],
      },
      { ...opts, dependsOn: [target.alias] },
    );
  }
}

/** A REST module's own HTTP API, mapped on the shared domain at each of its prefixes. */
function createRestEntry(
  manifest: ModuleManifest,
  settings: Settings,
  target: VersionedFunction,
  opts: pulumi.CustomResourceOptions,
): HttpApi | undefined {
  const prefixes = manifest.rest?.prefixes ?? [];
  if (prefixes.length === 0) return undefined;
  const domain = settings.domain;
  const http = createHttpApi(
    'Api',
    {
      name: settings.functionName,
      target,
      // Through the domain only, so no client skips its mappings (and their authorizer).
      disableExecuteApiEndpoint: domain !== undefined,
      throttle: settings.throttle,
      jwtAuthorizer: settings.jwtAuthorizer,
    },
    opts,
  );
  if (!domain) return http;
  for (const prefix of prefixes) {
    // The module sees the whole path, the key included (`rawPath` /message/42 under key
    // `message`), as behind the gateway: one handler serves both.
    const key = prefix.slice(1);
    new aws.apigatewayv2.ApiMapping(
      `ApiMapping${key.split(/[/-]/).map(capitalize).join('')}`,
      { apiId: http.api.id, domainName: domain, stage: http.stage.id, apiMappingKey: key },
      opts,
    );
  }
  return http;
}
