import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The endpoints of the three services, when they are not AWS's own (the local cloud). */
export interface ServiceEndpoints {
  lambda?: string;
  dynamodb?: string;
  sqs?: string;
}

/** Static credentials; the local cloud accepts any. */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsClients {
  lambda: LambdaClient;
  dynamo: DynamoDBClient;
  /** DynamoDB with plain JavaScript values instead of attribute-value maps. */
  documents: DynamoDBDocumentClient;
  sqs: SQSClient;
  region: string;
}

export interface CreateAwsClientsOptions {
  region: string;
  /** Omit to reach AWS itself. */
  endpoints?: ServiceEndpoints;
  /** Omit to use the SDK's default credential chain. */
  credentials?: StaticCredentials;
}

/**
 * Builds the AWS SDK v3 clients every part of Turnout takes as arguments. The same
 * clients reach AWS or the local cloud: only `endpoints` differ.
 */
export function createAwsClients({
  region,
  endpoints = {},
  credentials,
}: CreateAwsClientsOptions): AwsClients {
  const common = { region, ...(credentials ? { credentials } : {}) };
  const dynamo = new DynamoDBClient({ ...common, endpoint: endpoints.dynamodb });
  return {
    region,
    lambda: new LambdaClient({ ...common, endpoint: endpoints.lambda }),
    dynamo,
    documents: DynamoDBDocumentClient.from(dynamo, {
      marshallOptions: { removeUndefinedValues: true },
    }),
    sqs: new SQSClient({ ...common, endpoint: endpoints.sqs }),
  };
}

/** Closes the clients' sockets so a process can exit. */
export function destroyAwsClients(clients: AwsClients): void {
  clients.lambda.destroy();
  clients.documents.destroy();
  clients.dynamo.destroy();
  clients.sqs.destroy();
}
