import { join } from 'node:path';
import { seedModule } from '../../cli/dev/seed-module.ts';
import { createBundleBatch } from '../../control-plane/build/index.ts';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
import type { LocalCloud } from '../../local-cloud/index.ts';
import { type ProvisionedModule, provisionModule } from '../../local-cloud/provision/index.ts';

const REPO = join(import.meta.dirname, '..', '..');
/** Modules a test provisions at once are bundled in one esbuild run. */
const bundle = createBundleBatch();

/**
 * Provisions one module on a test's local cloud as `turnout dev` does (its stage's
 * settings, version 1 behind `live`) and loads its seed data.
 *
 * @example
 * const done = await provisionAndSeed(cloud, module, 'imdb-test');
 */
export async function provisionAndSeed(
  cloud: LocalCloud,
  module: DiscoveredModule,
  buildName: string,
): Promise<ProvisionedModule> {
  const done = await provisionModule({
    module,
    clients: cloud.clients,
    buildDirectory: join(REPO, '.turnout', `${buildName}-${process.pid}`),
    role: 'arn:aws:iam::000000000000:role/turnout-local',
    stageSettings: cloud.stageSettings,
    bundle,
  });
  await seedModule(module, { documents: cloud.clients.documents, tables: done.tables });
  return done;
}
