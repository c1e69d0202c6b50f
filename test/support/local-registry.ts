import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach } from 'vitest';
import type { AwsClients } from '../../control-plane/aws/index.ts';
import { ensureRegistryTable } from '../../control-plane/registry/index.ts';
import { setUpLocalDynamoDb } from './set-up-local-dynamo-db.ts';

export interface LocalRegistry {
  readonly clients: AwsClients;
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
 * it('...', () => publishModule({ manifest, clients: registry.clients, registryTable: registry.table }));
 */
export function useLocalRegistry(): LocalRegistry {
  let clients: AwsClients | undefined;
  let table = '';
  let count = 0;
  setUpLocalDynamoDb((started) => {
    clients = started;
  });
  beforeEach(async () => {
    table = `registry-${++count}`;
    await ensureRegistryTable((clients as AwsClients).dynamo, table);
  });
  return {
    get clients() {
      return clients as AwsClients;
    },
    get table() {
      return table;
    },
    async snapshot() {
      const output = await (clients as AwsClients).documents.send(
        new ScanCommand({ TableName: table }),
      );
      return (output.Items ?? []).sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
    },
  };
}
