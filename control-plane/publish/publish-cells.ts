import { cellUnitManifest } from '../../modules/kit/index.ts';
import { type PublishModuleOptions, type PublishResult, publishModule } from './publish-module.ts';

export interface PublishCellsOptions extends Omit<PublishModuleOptions, 'version'> {
  /** The version each cell's `live` alias serves, by cell name. */
  cellVersions: Record<string, string | undefined>;
}

/**
 * Publishes a cellular module: its schema, routes and cell map first (no version: the
 * module has no function of its own), then each cell's live version as that cell's
 * release. `turnout dev` publishes what it provisioned this way.
 *
 * @throws PublishRejectedError as publishModule does
 * @example
 * await publishCells({ manifest, cellVersions: { 'cell-1': '1', 'cell-2': '1' }, clients, registryTable });
 */
export async function publishCells(options: PublishCellsOptions): Promise<PublishResult> {
  const { cellVersions, ...publish } = options;
  const published = await publishModule(publish);
  let last = published;
  for (const cell of published.moduleRecord.manifest.cells?.names ?? []) {
    const version = cellVersions[cell];
    if (version === undefined) continue;
    last = await publishModule({
      ...publish,
      manifest: cellUnitManifest(published.moduleRecord.manifest, cell),
      version,
    });
  }
  return { ...last, moduleRecord: published.moduleRecord, changes: published.changes };
}
