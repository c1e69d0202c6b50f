import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { LIVE_ALIAS } from '../modules/kit/index.ts';
import type { VersionedFunction } from './versioned-function.ts';

/** How many requests the API's stage lets through before it answers 429. */
export interface ApiThrottle {
  /**
   * Requests per second, sustained.
   * @default 1000
   */
  rateLimit?: number;
  /**
   * Requests at once above the rate.
   * @default 2000
   */
  burstLimit?: number;
}

/** What an API Gateway JWT authorizer checks: one issuer (it takes no more) and the audiences. */
export interface JwtAuthorizerSettings {
  /**
   * API Gateway fetches its keys through `<issuer>/.well-known/openid-configuration`,
   * so it must be an https URL that serves that document.
   * @example 'https://auth.example.com/'
   */
  issuer: string;
  /** @example ['turnout-api'] */
  audiences: string[];
}

export interface HttpApiArgs {
  /** @example 'turnout-message' */
  name: string;
  /** The function whose `live` alias serves every route. */
  target: VersionedFunction;
  /**
   * Close the `execute-api` address, so the API answers only through the custom domain.
   * @default false
   */
  disableExecuteApiEndpoint?: boolean;
  /**
   * A ceiling of the API's own below the account's (10,000 requests per second per
   * Region, shared by every API), so one API's flood cannot starve the others.
   * @default { rateLimit: 1000, burstLimit: 2000 }
   */
  throttle?: ApiThrottle;
  /**
   * A JWT authorizer on every route: a request without a valid bearer token gets 401
   * from API Gateway, and the function finds the caller in `requestContext.authorizer.jwt`,
   * as the Turnout gateway puts it there.
   * @default none: every request reaches the function
   */
  jwtAuthorizer?: JwtAuthorizerSettings;
  /**
   * Days CloudWatch keeps the access logs.
   * @default 30
   */
  accessLogRetentionDays?: number;
}

export interface HttpApi {
  api: aws.apigatewayv2.Api;
  stage: aws.apigatewayv2.Stage;
  /** One JSON line per request: who, what, the status, the integration's latency and error. */
  accessLogs: aws.cloudwatch.LogGroup;
  /** The JWT authorizer on its routes, when `jwtAuthorizer` was given. */
  authorizer?: aws.apigatewayv2.Authorizer;
}

/**
 * An API Gateway HTTP API whose every request goes, as a payload v2 event, to the `live`
 * alias: the same event the gateway builds, so a module works behind either. Its stage
 * is throttled and writes access logs.
 *
 * @example
 * createHttpApi('Api', { name: 'turnout-message', target }, { parent });
 */
export function createHttpApi(
  logicalName: string,
  args: HttpApiArgs,
  opts: pulumi.CustomResourceOptions,
): HttpApi {
  const api = new aws.apigatewayv2.Api(
    logicalName,
    {
      name: args.name,
      protocolType: 'HTTP',
      disableExecuteApiEndpoint: args.disableExecuteApiEndpoint ?? false,
    },
    opts,
  );
  const integration = new aws.apigatewayv2.Integration(
    `${logicalName}Integration`,
    {
      apiId: api.id,
      integrationType: 'AWS_PROXY',
      integrationUri: args.target.alias.arn,
      payloadFormatVersion: '2.0',
    },
    opts,
  );
  const authorizer = createJwtAuthorizer(logicalName, args.jwtAuthorizer, api, opts);
  new aws.apigatewayv2.Route(
    `${logicalName}Route`,
    {
      apiId: api.id,
      routeKey: '$default',
      target: pulumi.interpolate`integrations/${integration.id}`,
      ...(authorizer ? { authorizationType: 'JWT', authorizerId: authorizer.id } : {}),
    },
    opts,
  );
  const { stage, accessLogs } = createStage(logicalName, args, api, opts);
  new aws.lambda.Permission(
    `${logicalName}Invoke`,
    {
      action: 'lambda:InvokeFunction',
      function: args.target.function.name,
      qualifier: LIVE_ALIAS,
      principal: 'apigateway.amazonaws.com',
      sourceArn: pulumi.interpolate`${api.executionArn}/*`,
    },
    // A permission on `live` needs the alias to exist: say so, not rely on retries.
    { ...opts, dependsOn: [args.target.alias] },
  );
  return { api, stage, accessLogs, authorizer };
}

function createJwtAuthorizer(
  logicalName: string,
  settings: JwtAuthorizerSettings | undefined,
  api: aws.apigatewayv2.Api,
  opts: pulumi.CustomResourceOptions,
): aws.apigatewayv2.Authorizer | undefined {
  if (!settings) return undefined;
  return new aws.apigatewayv2.Authorizer(
    `${logicalName}Authorizer`,
    {
      apiId: api.id,
      name: 'turnout-jwt',
      authorizerType: 'JWT',
      // The header the gateway reads too: one token serves both ways in.
      identitySources: ['$request.header.Authorization'],
      jwtConfiguration: { issuer: settings.issuer, audiences: settings.audiences },
    },
    opts,
  );
}

/** The fields of one access log line; API Gateway fills each `$context` variable. */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  domainName: '$context.domainName',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integration.error',
});

function createStage(
  logicalName: string,
  args: HttpApiArgs,
  api: aws.apigatewayv2.Api,
  opts: pulumi.CustomResourceOptions,
): Pick<HttpApi, 'stage' | 'accessLogs'> {
  const accessLogs = new aws.cloudwatch.LogGroup(
    `${logicalName}AccessLogs`,
    {
      name: `/aws/apigateway/${args.name}/access`,
      retentionInDays: args.accessLogRetentionDays ?? 30,
    },
    opts,
  );
  const stage = new aws.apigatewayv2.Stage(
    `${logicalName}Stage`,
    {
      apiId: api.id,
      name: '$default',
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: args.throttle?.rateLimit ?? 1000,
        throttlingBurstLimit: args.throttle?.burstLimit ?? 2000,
      },
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
    },
    opts,
  );
  return { stage, accessLogs };
}
