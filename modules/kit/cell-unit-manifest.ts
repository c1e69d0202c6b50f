import { cellUnitName } from '../../contracts/cell-map.ts';
import type { ModuleManifest } from './manifest-schema.ts';

/**
 * The manifest one cell of a module is built, provisioned, recorded and deployed with:
 * the module's, named as the cell's unit (`gatepass-cell-2`), so every name made from it
 * (function, role, tables, queues, version records, the cell's release) is the cell's
 * own and nothing is shared between cells. Its `cells` is dropped: a cell has none; its
 * `cellOf` says which cell it is (its function reads it in `TURNOUT_CELL`).
 *
 * @example
 * cellUnitManifest(gatepass, 'cell-2').name; // 'gatepass-cell-2'
 */
export function cellUnitManifest(manifest: ModuleManifest, cell: string): ModuleManifest {
  const { cells: _cells, ...rest } = manifest;
  return {
    ...rest,
    name: cellUnitName(manifest.name, cell),
    cellOf: { module: manifest.name, cell },
  };
}

/** Every unit a module deploys as: its cells' manifests, or the module itself. */
export function deployUnitManifests(manifest: ModuleManifest): ModuleManifest[] {
  return manifest.cells
    ? manifest.cells.names.map((cell) => cellUnitManifest(manifest, cell))
    : [manifest];
}

/** The environment that names a unit to its own function: its unit name, and its cell if it is one. */
export function unitEnvironment(
  manifest: Pick<ModuleManifest, 'name' | 'cellOf'>,
): Record<string, string> {
  return manifest.cellOf
    ? { TURNOUT_MODULE: manifest.name, TURNOUT_CELL: manifest.cellOf.cell }
    : { TURNOUT_MODULE: manifest.name };
}
