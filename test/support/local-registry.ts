import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  type AwsClients,
  createAwsClients,
  destroyAwsClients,
} from '../../control-plane/aws/index.ts';
import { ensureRegistryTable } from '../../control-plane/registry/index.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../local-cloud/dynamodb.ts';

export interface LocalRegistry {
  clients: AwsClients;
  /** A fresh registry table for the running test. */
  readonly table: string;
  /** Every item in the registry, sorted by key: to show what a write changed, or not. */
  snapshot(): Promise<Record<string, unknown>[]>;
}

/**
 * A DynamoDB Local for the test file and a fresh registry table per test, so the
 * registry's tests stay independent on one JVM.
 *
 * @example
 * const registry = useLocalRegistry();
 * it('...', async () => { await publishModule({ manifest, clients: registry.clients, registryTable: registry.table }); });
 */
export function useLocalRegistry(): LocalRegistry {
  let dynamodb: LocalDynamoDb;
  let count = 0;
  const registry = {
    clients: undefined as unknown as AwsClients,
    table: '',
    async snapshot() {
      const output = await registry.clients.documents.send(
        new ScanCommand({ TableName: registry.table }),
      );
      return (output.Items ?? []).sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
    },
  };
  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    registry.clients = createAwsClients({
      region: 'us-east-1',
      endpoints: { dynamodb: dynamodb.endpoint },
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    destroyAwsClients(registry.clients);
    await dynamodb.stop();
  });
  beforeEach(async () => {
    registry.table = `registry-${++count}`;
    await ensureRegistryTable(registry.clients.dynamo, registry.table);
  });
  return registry;
}
