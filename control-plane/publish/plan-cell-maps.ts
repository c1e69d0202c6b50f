import {
  CELL_BUCKETS,
  type CellMap,
  cellUnitName,
  evenBucketRanges,
} from '../../contracts/cell-map.ts';
import type { SupergraphGeneration } from '../../contracts/registry.ts';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import { DEFAULT_RESOURCE_PREFIX, functionName } from '../../modules/kit/resource-names.ts';
import { PublishRejectedError } from './errors.ts';

/**
 * The next generation's cell maps: the other modules' as they were, this module's made
 * from its manifest. A map it had keeps its buckets and overrides; a first one splits the
 * buckets evenly in the cells' order. A module that stops being cellular loses its map.
 *
 * @throws PublishRejectedError when the manifest names other cells than the map has:
 *   that would move buckets, and with them data, between cells (not supported)
 */
export function nextCellMaps(
  manifest: ModuleManifest,
  latest: SupergraphGeneration | undefined,
  resourcePrefix = DEFAULT_RESOURCE_PREFIX,
): Pick<SupergraphGeneration, 'cells'> {
  const { [manifest.name]: previous, ...others } = latest?.cells ?? {};
  if (!manifest.cells) return latest?.cells ? { cells: others } : {};
  const names = manifest.cells.names;
  if (previous && previous.cells.map((c) => c.name).join(',') !== names.join(','))
    throw cellsChanged(manifest.name, previous, names);
  const map: CellMap = {
    cells: names.map((name) => ({
      name,
      functionName: functionName(cellUnitName(manifest.name, name), resourcePrefix),
    })),
    buckets: previous?.buckets ?? CELL_BUCKETS,
    ranges: previous?.ranges ?? evenBucketRanges(names),
    overrides: previous?.overrides ?? {},
    ...(manifest.cells.defaultCell ? { defaultCell: manifest.cells.defaultCell } : {}),
    key: manifest.cells.key,
  };
  return { cells: { ...others, [manifest.name]: map } };
}

function cellsChanged(module: string, previous: CellMap, names: readonly string[]) {
  const had = previous.cells.map((c) => c.name).join(', ');
  return new PublishRejectedError(module, [
    {
      code: 'CELLS_CHANGED',
      message: `The registry's cell map has the cells ${had}; the manifest names ${names.join(', ')}. Adding, removing or reordering cells moves buckets, and the data behind them, between cells.`,
      fix: `Keep cells.names as ${JSON.stringify(previous.cells.map((c) => c.name))}: moving buckets between cells is not supported yet (docs/ARCHITECTURE.md, "Cells").`,
    },
  ]);
}
