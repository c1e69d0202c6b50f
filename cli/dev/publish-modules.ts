import { cellUnitName } from '../../contracts/cell-map.ts';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
import { publishCells, publishModule } from '../../control-plane/publish/index.ts';
import type { LocalCloud } from '../../local-cloud/index.ts';
import type { ProvisionedModule } from '../../local-cloud/provision/index.ts';
import { compareTiers } from '../../modules/kit/index.ts';

/**
 * One after another, less critical first: each publish composes with the ones before.
 * Each module's schema and routes are recorded as what its live version serves.
 */
export async function publishModules(
  discovered: DiscoveredModule[],
  provisioned: ReadonlyMap<string, Promise<ProvisionedModule>>,
  cloud: Pick<LocalCloud, 'clients'>,
  registryTable: string,
): Promise<void> {
  const ordered = [...discovered].sort((a, b) => compareTiers(a.manifest.tier, b.manifest.tier));
  const liveVersion = async (unit: string) => (await provisioned.get(unit))?.liveVersion;
  for (const { manifest, sdlSource } of ordered) {
    if (manifest.cells) {
      const cellVersions = await Promise.all(
        manifest.cells.names.map(async (c) => [
          c,
          await liveVersion(cellUnitName(manifest.name, c)),
        ]),
      );
      await publishCells({
        manifest,
        cellVersions: Object.fromEntries(cellVersions),
        clients: cloud.clients,
        registryTable,
      });
      continue;
    }
    await publishModule({
      manifest,
      sdlSource,
      version: await liveVersion(manifest.name),
      clients: cloud.clients,
      registryTable,
    });
  }
}
