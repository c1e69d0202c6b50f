import { afterAll, beforeAll } from 'vitest';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import {
  type ProvisionedResources,
  type RelayServices,
  startRelayServices,
} from '../relay-test-kit.ts';

/** A module's resources on the services of one test file. */
export interface RelayModule {
  services: RelayServices;
  resources: ProvisionedResources;
}

/**
 * Gives a test file its module on a DynamoDB Local and SQS of its own: before the
 * file's tests, starts them, provisions the module's tables and queues and runs
 * `setUp` (to seed them and build what the tests call); after the tests, stops them.
 *
 * @example
 * setUpRelayModule(manifest, async ({ services, resources: { tables } }) => {
 *   await seed({ documents: services.clients.documents, tables });
 *   graphlet = createTitlesGraphlet({ documents: services.clients.documents, titlesTable: tables.titles as string });
 * });
 */
export function setUpRelayModule(
  manifest: ModuleManifest,
  setUp: (module: RelayModule) => void | Promise<void>,
): void {
  let services: RelayServices | undefined;
  beforeAll(async () => {
    services = await startRelayServices();
    const resources = await services.provision(manifest);
    await setUp({ services, resources });
  });
  afterAll(() => services?.stop());
}
