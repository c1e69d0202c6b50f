import { afterAll, beforeAll } from 'vitest';
import {
  type AwsClients,
  createAwsClients,
  destroyAwsClients,
} from '../../control-plane/aws/index.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../local-cloud/dynamodb.ts';
import { LOCAL_TEST_CREDENTIALS } from '../relay-test-kit.ts';

/**
 * Gives a test file a DynamoDB Local of its own: before the file's tests, starts it and
 * runs `setUp` with SDK clients pointed at it; after the tests, stops it.
 *
 * @example
 * let clients: AwsClients;
 * setUpLocalDynamoDb((started) => {
 *   clients = started;
 * });
 */
export function setUpLocalDynamoDb(setUp: (clients: AwsClients) => void | Promise<void>): void {
  let dynamodb: LocalDynamoDb | undefined;
  let clients: AwsClients | undefined;
  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    clients = createAwsClients({
      region: 'us-east-1',
      endpoints: { dynamodb: dynamodb.endpoint },
      credentials: LOCAL_TEST_CREDENTIALS,
    });
    await setUp(clients);
  });
  afterAll(async () => {
    if (clients) destroyAwsClients(clients);
    await dynamodb?.stop();
  });
}
