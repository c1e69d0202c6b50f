/**
 * Test helpers shared by the Relay modules' tests: their own DynamoDB Local and SQS
 * (one of each per test file), and API Gateway HTTP API v2 events.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, SQSEvent, SQSRecord } from 'aws-lambda';
import { jwtAuthorizerOf } from '../contracts/rest-invoke-event.ts';
import {
  type AwsClients,
  createAwsClients,
  destroyAwsClients,
} from '../control-plane/aws/index.ts';
import { startLocalDynamoDb } from '../local-cloud/dynamodb.ts';
import {
  ensureModuleQueues,
  ensureModuleTables,
  type ProvisionedQueue,
  resourceEnvironment,
} from '../local-cloud/provision/index.ts';
import { startLocalSqs } from '../local-cloud/sqs.ts';
import { type ModuleManifest, resolveRuntimeEnvironment } from '../modules/kit/index.ts';

export interface RelayServices {
  clients: AwsClients;
  endpoints: { dynamodb: string; sqs: string };
  /** Provisions a module's tables and queues; returns their names, URLs and env vars. */
  provision(manifest: ModuleManifest): Promise<ProvisionedResources>;
  stop(): Promise<void>;
}

export interface ProvisionedResources {
  tables: Record<string, string>;
  queues: Record<string, ProvisionedQueue>;
  /** TURNOUT_TABLE_* and TURNOUT_QUEUE_*_URL, as `turnout dev` sets them. */
  environment: Record<string, string>;
}

export const LOCAL_TEST_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Starts DynamoDB Local and SQS side by side, with SDK clients pointed at them. */
export async function startRelayServices(): Promise<RelayServices> {
  const [dynamodb, sqs] = await Promise.all([startLocalDynamoDb(), startLocalSqs()]);
  const endpoints = { dynamodb: dynamodb.endpoint, sqs: sqs.endpoint };
  const clients = createAwsClients({
    region: 'us-east-1',
    endpoints,
    credentials: LOCAL_TEST_CREDENTIALS,
  });
  return {
    clients,
    endpoints,
    async provision(manifest) {
      const [tables, queues] = await Promise.all([
        ensureModuleTables(manifest, clients.dynamo),
        ensureModuleQueues(manifest, clients.sqs),
      ]);
      // As the provisioner and the stacks do: the manifest's runtime settings (their
      // defaults here), then the resources' names.
      const runtime = resolveRuntimeEnvironment(manifest, { name: 'test', settings: {} });
      return {
        tables,
        queues,
        environment: { ...runtime, ...resourceEnvironment(tables, queues) },
      };
    },
    async stop() {
      destroyAwsClients(clients);
      await Promise.allSettled([dynamodb.stop(), sqs.stop()]);
    },
  };
}

export interface V2EventInput {
  method: string;
  /** Path with an optional query string, e.g. `/navigate/route?from=DFW7&to=ATL6`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The verified caller, as the gateway or API Gateway's JWT authorizer puts it in requestContext. */
  caller?: { sub: string; scopes?: string[] };
}

/** An API Gateway HTTP API (payload v2) event, as the gateway or a path mapping sends it. */
export function apiGatewayV2Event(input: V2EventInput): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = input.path.split('?');
  const query = new URLSearchParams(rawQueryString);
  const method = input.method.toUpperCase();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'api.example.com', 'content-type': 'application/json', ...input.headers },
    queryStringParameters: rawQueryString ? Object.fromEntries(query) : undefined,
    body:
      input.body === undefined
        ? undefined
        : typeof input.body === 'string'
          ? input.body
          : JSON.stringify(input.body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'relay',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'relay-test',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 1_767_225_600_000,
      ...(input.caller ? { authorizer: authorizerOf(input.caller) } : {}),
    },
  } as APIGatewayProxyEventV2;
}

function authorizerOf(caller: { sub: string; scopes?: string[] }) {
  const scopes = caller.scopes ?? [];
  return jwtAuthorizerOf({ sub: caller.sub, scope: scopes.join(' ') }, scopes);
}

/** An SQS event as an event source mapping would send it, one record per body. */
export function sqsEvent(
  records: { messageId?: string; body: string; receiveCount?: number }[],
  queueArn = 'arn:aws:sqs:us-east-1:000000000000:queue',
): SQSEvent {
  return {
    Records: records.map(
      (record): SQSRecord => ({
        messageId: record.messageId ?? randomUUID(),
        receiptHandle: randomUUID(),
        body: record.body,
        attributes: {
          ApproximateReceiveCount: String(record.receiveCount ?? 1),
          SentTimestamp: '0',
          SenderId: 'relay-test',
          ApproximateFirstReceiveTimestamp: '0',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: 'us-east-1',
      }),
    ),
  };
}

/** A response's JSON body, loosely typed: the tests check its shape with `expect`. */
// biome-ignore lint/suspicious/noExplicitAny: a test reads fields it then asserts on
export async function jsonOf(response: Response): Promise<any> {
  return response.json();
}
