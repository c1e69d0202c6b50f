import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DEFAULT_REGISTRY_TABLE } from '../contracts/registry.ts';
import { readAuthOptionsFromEnv } from './auth/read-auth-options-from-env.ts';
import { createGateway, type Gateway, type GatewayOptions } from './create-gateway.ts';
import { createJsonLogger } from './create-json-logger.ts';
import { createLambdaInvoker } from './invoke/create-lambda-invoker.ts';
import { readCredentialsFromEnv } from './invoke/read-credentials-from-env.ts';
import { createLeanRegistrySource } from './registry/create-lean-registry-source.ts';
import type { GatewayRequest, GatewayResponse } from './types.ts';

export type GatewayLambdaHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The gateway as a Lambda handler behind an API Gateway HTTP API (payload v2): adapts
 * the event to the core's request and the core's response to a v2 result.
 *
 * @example
 * export const handler = createLambdaHandler(createGateway({ registry, invoke }));
 */
export function createLambdaHandler(gateway: Gateway): GatewayLambdaHandler {
  return async (event) => {
    const response = await gateway.handle(fromApiGatewayEvent(event));
    return toApiGatewayResult(response);
  };
}

export function fromApiGatewayEvent(event: APIGatewayProxyEventV2): GatewayRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  const context = event.requestContext;
  return {
    method: context.http.method,
    path: event.rawPath,
    rawQueryString: event.rawQueryString ?? '',
    headers,
    cookies: event.cookies ?? [],
    body:
      event.body === undefined
        ? undefined
        : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8'),
    sourceIp: context.http.sourceIp,
    protocol: context.http.protocol,
    requestId: context.requestId,
    domainName: context.domainName,
    timeEpoch: context.timeEpoch,
  };
}

/** v2 results have no multi-value headers: several values are joined with commas. */
export function toApiGatewayResult(response: GatewayResponse): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { ...response.headers };
  for (const [name, values] of Object.entries(response.multiValueHeaders ?? {})) {
    headers[name] = [headers[name], ...values].filter((v) => v !== undefined).join(', ');
  }
  const binary = Buffer.isBuffer(response.body);
  const result: APIGatewayProxyStructuredResultV2 = {
    statusCode: response.statusCode,
    headers,
    body: binary ? (response.body as Buffer).toString('base64') : (response.body as string),
    isBase64Encoded: binary,
  };
  if (response.cookies && response.cookies.length > 0) result.cookies = response.cookies;
  return result;
}

/**
 * The deployed gateway's configuration, from its environment:
 * TURNOUT_REGISTRY_TABLE, AWS_REGION, TURNOUT_POLL_INTERVAL_MS, TURNOUT_DEV=1,
 * TURNOUT_HEALTH_TOKEN (the secret `/_turnout/health` requires; without it the samples
 * are served to no one), AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL_DYNAMODB to reach a
 * local cloud, and the token settings TURNOUT_AUTH_ISSUER, TURNOUT_AUTH_AUDIENCE,
 * TURNOUT_AUTH_JWKS_URL (gateway/auth/read-auth-options-from-env.ts).
 */
export function createGatewayFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<GatewayOptions> = {},
): Gateway {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const credentials = () => readCredentialsFromEnv(env);
  const lambda = createLambdaInvoker({
    region,
    endpoint: env.AWS_ENDPOINT_URL_LAMBDA,
    credentials,
  });
  return createGateway({
    registry: createLeanRegistrySource({
      region,
      tableName: env.TURNOUT_REGISTRY_TABLE ?? DEFAULT_REGISTRY_TABLE,
      endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      credentials,
    }),
    invoke: lambda.invoke,
    logger: createJsonLogger({ base: { service: 'turnout-gateway' } }),
    pollIntervalMs: env.TURNOUT_POLL_INTERVAL_MS ? Number(env.TURNOUT_POLL_INTERVAL_MS) : undefined,
    dev: env.TURNOUT_DEV === '1',
    auth: readAuthOptionsFromEnv(env),
    healthToken: env.TURNOUT_HEALTH_TOKEN || undefined,
    ...overrides,
  });
}

let defaultHandler: GatewayLambdaHandler | undefined;

/** The Lambda entry (`gateway/lambda.handler`): built once per execution environment. */
export const handler: GatewayLambdaHandler = (event) => {
  if (!defaultHandler) {
    const gateway = createGatewayFromEnv();
    void gateway.start();
    defaultHandler = createLambdaHandler(gateway);
  }
  return defaultHandler(event);
};
