import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The AWS SDK clients a module's code takes (STYLE.md: clients are passed in). */
export interface ModuleClients {
  documents: DynamoDBDocumentClient;
  sqs: SQSClient;
}

/**
 * The default clients of a module's Lambda function, for its `handler.ts` (the edge)
 * to pass in. The SDK finds Region, credentials and, locally, the endpoints
 * (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_SQS`) in the environment, which the
 * stacks and `turnout dev` set. Each client is built on first use, so a module without
 * queues never builds an SQS client.
 *
 * @example
 * const clients = createModuleClients();
 * const { tables, queues } = moduleResources(manifest, clients);
 */
export function createModuleClients(): ModuleClients {
  let documents: DynamoDBDocumentClient | undefined;
  let sqs: SQSClient | undefined;
  return {
    get documents() {
      // A field left undefined is left out of the item, as the control plane's client does.
      documents ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
        marshallOptions: { removeUndefinedValues: true },
      });
      return documents;
    },
    get sqs() {
      // A module's queues are in the function's own Region, so the regional endpoint (or
      // AWS_ENDPOINT_URL_SQS, locally) is right. By default the SDK sends to the queue
      // URL's host instead whenever no `endpoint` is set in code, e.g. to
      // sqs.us-east-1.localhost, which the local SQS does not serve.
      sqs ??= new SQSClient({ useQueueUrlAsEndpoint: false });
      return sqs;
    },
  };
}
