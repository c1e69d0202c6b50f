import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { LIVE_ALIAS } from '../modules/kit/index.ts';
import type { VersionedFunction } from './versioned-function.ts';

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
}

export interface HttpApi {
  api: aws.apigatewayv2.Api;
  stage: aws.apigatewayv2.Stage;
}

/**
 * An API Gateway HTTP API whose every request goes, as a payload v2 event, to the `live`
 * alias: the same event the gateway builds, so a module works behind either.
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
  new aws.apigatewayv2.Route(
    `${logicalName}Route`,
    {
      apiId: api.id,
      routeKey: '$default',
      target: pulumi.interpolate`integrations/${integration.id}`,
    },
    opts,
  );
  const stage = new aws.apigatewayv2.Stage(
    `${logicalName}Stage`,
    { apiId: api.id, name: '$default', autoDeploy: true },
    opts,
  );
  new aws.lambda.Permission(
    `${logicalName}Invoke`,
    {
      action: 'lambda:InvokeFunction',
      function: args.target.function.name,
      qualifier: LIVE_ALIAS,
      principal: 'apigateway.amazonaws.com',
      sourceArn: pulumi.interpolate`${api.executionArn}/*`,
    },
    opts,
  );
  return { api, stage };
}
