import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { LIVENESS_PATH } from '../contracts/health-samples.ts';
import {
  DEFAULT_RESOURCE_PREFIX,
  functionName,
  LIVE_ALIAS,
  registryTableName,
  roleName,
} from '../modules/kit/index.ts';
import { type AlarmTopic, createAlarmTopic } from './alarm-topic.ts';
import { type AliasAlarms, type AliasAlarmThresholds, createAliasAlarms } from './alias-alarms.ts';
import { type AuthSettings, authEnvironment, healthTokenEnvironment } from './auth-settings.ts';
import { bundleHandler } from './bundle-handler.ts';
import { createCustomDomain } from './custom-domain.ts';
import { functionArn } from './function-arn.ts';
import { type Account, getAccount } from './get-account.ts';
import { type ApiThrottle, createHttpApi, type HttpApi } from './http-api.ts';
import { createLatencyRecord, type LatencyRecord } from './latency-record.ts';
import type { PolicyStatement } from './policy-document.ts';
import { createRecoveryControls, type RecoveryControls } from './recovery-controls.ts';
import { createRegistryTable, type RegistryTable } from './registry-table.ts';
import { GATEWAY_UNIT } from './resolve-unit.ts';
import { createVersionedFunction, type VersionedFunction } from './versioned-function.ts';

/**
 * What Route 53 asks each Region's gateway: its liveness path, open to anyone, 200 while
 * it holds a generation and reads the registry, else 503. Not the health samples, which
 * need the `x-turnout-health-token` header, and Route 53 checks cannot send secrets.
 */
export const GATEWAY_HEALTH_CHECK_PATH = LIVENESS_PATH;

/**
 * The qualifiers the gateway may invoke a module by, besides `live`: its numbered
 * versions, as a canary's pinned documents and retries name them
 * (gateway/invoke/retry-canary-failures.ts), never `$LATEST`. IAM has no pattern for
 * "digits only", but one of `?` per character: one to six characters covers versions 1
 * to 999999 and leaves out `$LATEST`, which has seven.
 */
export const VERSION_QUALIFIER_PATTERNS = ['?', '??', '???', '????', '?????', '??????'];

export interface GatewayDomain {
  /**
   * The public name shared by the gateway and REST modules.
   * @example 'api.example.com'
   */
  name: string;
  /**
   * The Route 53 public hosted zone that holds it.
   * @example 'example.com'
   */
  hostedZone: string;
}

export interface GatewayStackArgs {
  /** @example 'us-east-1' */
  region: string;
  /**
   * The Region whose stack creates the registry table and its replicas.
   * @default region
   */
  homeRegion?: string;
  /**
   * Every Region with a gateway (each holds a registry replica).
   * @default [region]
   */
  regions?: string[];
  /**
   * The modules the gateway may invoke, by name: it gets the right to invoke only their
   * `live` aliases.
   * @example ['names', 'ratings', 'message']
   */
  modules: string[];
  /**
   * The first part of every physical name (the gateway's function and role, the
   * registry table, the module functions it may invoke), as the pipeline uses it.
   * @default 'turnout'
   */
  resourcePrefix?: string;
  /** Without it the gateway answers only on its `execute-api` address, with no DNS. */
  domain?: GatewayDomain;
  /**
   * The gateway's Lambda entry; its export `handler` serves API Gateway payload v2.
   * @default 'gateway/lambda.ts'
   */
  entry?: string;
  /** @default bundle of `entry` */
  code?: pulumi.asset.Archive;
  /** @default { timeoutSeconds: 29, memoryMB: 1024 } */
  function?: { timeoutSeconds?: number; memoryMB?: number };
  /**
   * What Route 53 health checks call on each Region's gateway.
   * @default GATEWAY_HEALTH_CHECK_PATH
   */
  healthCheckPath?: string;
  /**
   * The gateway API's stage throttle: it fronts every GraphQL request, so more than a
   * module's own API gets.
   * @default { rateLimit: 5000, burstLimit: 5000 }
   */
  throttle?: ApiThrottle;
  /** @default see AliasAlarmThresholds */
  alarms?: AliasAlarmThresholds;
  /**
   * Who issues the bearer tokens the gateway verifies (`TURNOUT_AUTH_*` on its function).
   * @default none: every request is anonymous
   */
  auth?: AuthSettings;
  /**
   * The secret readers of the gateway's health samples send (`x-turnout-health-token`),
   * set on its function as `TURNOUT_HEALTH_TOKEN` and kept encrypted in the Pulumi state.
   * @default none: the gateway serves its samples to no one, and the pipeline's bake cannot read them
   */
  healthToken?: pulumi.Input<string>;
  /**
   * Who hears of every alias alarm of this environment in this Region: an email
   * address or an http(s) URL, subscribed to the alarm topic this stack creates.
   * @default none: the topic collects the alarms for subscribers added by hand
   */
  alarmSubscriber?: string;
  /** @default [the alarm topic this stack creates] */
  alarmActions?: pulumi.Input<string>[];
  /**
   * Deletion protection on the registry table and its replicas; `deployUnit` sets it
   * for production stages only (`isProductionEnvironment`), so others can be removed.
   * @default true
   */
  protectData?: boolean;
  /**
   * Route 53 ARC, so operators can fail Regions over (`turnout failover`) and a failover
   * pauses releases. `create` (acted on by the home Region's stack alone) creates the cluster, control
   * panel, one routing control per Region of `regions` and the at-least-one-on safety
   * rule; every Region's latency record is tied to its routing control: the one created
   * here, or `routingControlArn` (the home stack's output) in the other Regions.
   * @default none: latency records follow the gateways' health alone
   */
  recoveryControl?: { create?: boolean; routingControlArn?: pulumi.Input<string> };
}

/**
 * The gateway in one Region: its function and `live` alias, its HTTP API on the shared
 * domain (root path), the registry table, the right to invoke the `live` alias and the
 * numbered versions of each registered module and nothing else, latency-routed DNS with
 * a health check, the environment's alarm topic, alarms. No pipeline deploys the gateway:
 * its stack owns its code, and each deploy that changes it publishes a version that
 * `live` follows.
 *
 * @example
 * new GatewayStack('Gateway', { region: 'us-east-1', modules: ['ratings'], domain: { name: 'api.example.com', hostedZone: 'example.com' } });
 */
export class GatewayStack extends pulumi.ComponentResource {
  readonly target: VersionedFunction;
  readonly http: HttpApi;
  readonly registry: RegistryTable;
  readonly dns?: LatencyRecord;
  readonly recoveryControls?: RecoveryControls;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: AliasAlarms;

  constructor(name: string, args: GatewayStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('turnout:stacks:GatewayStack', name, {}, opts);
    const parent = { parent: this };
    const settings = normalizeArgs(args);
    const account = getAccount(parent);
    this.registry = createRegistryTable(
      { ...settings, name: settings.registryTable, account },
      parent,
    );
    this.target = createVersionedFunction(
      'Function',
      {
        name: settings.functionName,
        roleName: roleName(GATEWAY_UNIT, settings.region, settings.resourcePrefix),
        code: args.code ?? bundleGateway(settings),
        handler: `${settings.entryFile}.handler`,
        timeoutSeconds: settings.timeoutSeconds,
        memoryMB: settings.memoryMB,
        description: 'The Turnout gateway: GraphQL and REST routing to the modules.',
        codeOwner: 'stack',
        environment: createGatewayEnvironment(this.registry, settings),
        statements: createGatewayStatements(this.registry, settings, account),
      },
      parent,
    );
    this.http = createHttpApi(
      'Api',
      { name: settings.functionName, target: this.target, throttle: settings.throttle },
      parent,
    );
    this.recoveryControls = createEnvironmentControls(args, settings, parent);
    const routingControlArn =
      this.recoveryControls?.routingControls[settings.region]?.arn ??
      args.recoveryControl?.routingControlArn;
    this.dns = createDomainEntry(
      args.domain,
      { ...settings, routingControlArn },
      this.http,
      parent,
    );
    this.alarmTopic = createAlarmTopic(
      { prefix: settings.resourcePrefix, subscriber: args.alarmSubscriber },
      parent,
    );
    this.alarms = createAliasAlarms(
      {
        functionName: settings.functionName,
        timeoutSeconds: settings.timeoutSeconds,
        thresholds: args.alarms,
        alarmActions: args.alarmActions ?? [this.alarmTopic.topic.arn],
      },
      parent,
    );
    this.registerOutputs({
      aliasArn: this.target.alias.arn,
      endpoint: this.http.api.apiEndpoint,
      ...recoveryOutputs(this.recoveryControls),
    });
  }
}

function normalizeArgs(args: GatewayStackArgs) {
  const resourcePrefix = args.resourcePrefix ?? DEFAULT_RESOURCE_PREFIX;
  const entry = args.entry ?? 'gateway/lambda.ts';
  return {
    region: args.region,
    homeRegion: args.homeRegion ?? args.region,
    regions: args.regions ?? [args.region],
    modules: [...new Set(args.modules)].sort(),
    resourcePrefix,
    registryTable: registryTableName(resourcePrefix),
    protect: args.protectData ?? true,
    throttle: args.throttle ?? { rateLimit: 5000, burstLimit: 5000 },
    entry,
    entryFile: entry.replace(/^.*\//, '').replace(/\.[cm]?[jt]s$/, ''),
    timeoutSeconds: args.function?.timeoutSeconds ?? 29,
    memoryMB: args.function?.memoryMB ?? 1024,
    healthCheckPath: args.healthCheckPath ?? GATEWAY_HEALTH_CHECK_PATH,
    auth: args.auth,
    // A secret output: the state stores it encrypted, and `pulumi preview` shows [secret].
    healthToken: args.healthToken === undefined ? undefined : pulumi.secret(args.healthToken),
    functionName: functionName(GATEWAY_UNIT, resourcePrefix),
  };
}

type Settings = ReturnType<typeof normalizeArgs>;

/**
 * The environment's ARC controls, when asked for: created once, by the home Region's
 * stack (ARC is global). The other Regions' stacks, given the same setting, leave it to
 * that one, so CI can set it for the whole environment.
 */
function createEnvironmentControls(
  args: GatewayStackArgs,
  settings: Settings,
  opts: pulumi.CustomResourceOptions,
): RecoveryControls | undefined {
  if (!args.recoveryControl?.create || settings.region !== settings.homeRegion) return undefined;
  return createRecoveryControls(
    { prefix: settings.resourcePrefix, regions: settings.regions },
    opts,
  );
}

/** What operators copy into the pipeline definition and the other Regions' settings. */
export function recoveryOutputs(controls: RecoveryControls | undefined) {
  if (!controls) return {};
  return {
    clusterEndpoints: controls.cluster.clusterEndpoints,
    routingControlArns: Object.fromEntries(
      Object.entries(controls.routingControls).map(([region, control]) => [region, control.arn]),
    ),
  };
}

function bundleGateway(settings: Settings): pulumi.asset.Archive {
  return bundleHandler({ entry: settings.entry, outDir: `.sst/turnout/${settings.functionName}` });
}

/** What the gateway's Lambda reads (gateway/lambda.ts, `createGatewayFromEnv`). */
function createGatewayEnvironment(
  registry: RegistryTable,
  settings: Settings,
): Record<string, pulumi.Input<string>> {
  return {
    TURNOUT_REGISTRY_TABLE: registry.name,
    TURNOUT_REGION: settings.region,
    // About 10% less CPU per request (gateway/PERFORMANCE.md): libraries skip dev checks.
    NODE_ENV: 'production',
    ...authEnvironment(settings.auth),
    ...healthTokenEnvironment(settings.healthToken),
  };
}

/** Read the registry; invoke the `live` alias and numbered versions of each registered module. */
function createGatewayStatements(
  registry: RegistryTable,
  settings: Settings,
  account: Account,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: 'ReadRegistry',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
      Resource: [registry.arn],
    },
  ];
  if (settings.modules.length === 0) return statements;
  const qualified = (qualifiers: string[]) =>
    settings.modules.flatMap((module) =>
      qualifiers.map((qualifier) =>
        functionArn(
          account,
          settings.region,
          functionName(module, settings.resourcePrefix),
          qualifier,
        ),
      ),
    );
  statements.push(
    {
      Sid: 'InvokeLiveAliases',
      Effect: 'Allow',
      Action: ['lambda:InvokeFunction'],
      Resource: qualified([LIVE_ALIAS]),
    },
    {
      // During a canary the registry names versions by number: documents pinned to one
      // version, and retries of a failed read on the stable version.
      Sid: 'InvokeNumberedVersions',
      Effect: 'Allow',
      Action: ['lambda:InvokeFunction'],
      Resource: qualified(VERSION_QUALIFIER_PATTERNS),
    },
  );
  return statements;
}

function createDomainEntry(
  domain: GatewayDomain | undefined,
  settings: Settings & { routingControlArn?: pulumi.Input<string> },
  http: HttpApi,
  opts: pulumi.CustomResourceOptions,
): LatencyRecord | undefined {
  if (!domain) return undefined;
  const zone = aws.route53.getZoneOutput(
    { name: domain.hostedZone, privateZone: false },
    { parent: opts.parent },
  );
  const customDomain = createCustomDomain({ name: domain.name, zoneId: zone.zoneId }, opts);
  // The root mapping (empty key): REST modules map their own prefixes next to it.
  new aws.apigatewayv2.ApiMapping(
    'ApiMapping',
    { apiId: http.api.id, domainName: customDomain.id, stage: http.stage.id },
    opts,
  );
  return createLatencyRecord(
    {
      name: domain.name,
      zoneId: zone.zoneId,
      region: settings.region,
      domain: customDomain,
      healthCheckHost: http.api.apiEndpoint.apply((endpoint) =>
        endpoint.replace(/^https:\/\//, ''),
      ),
      healthCheckPath: settings.healthCheckPath,
      routingControlArn: settings.routingControlArn,
    },
    opts,
  );
}
