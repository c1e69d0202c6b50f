import { cellUnitName } from '../../contracts/cell-map.ts';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import { UnitNameCollisionError } from './errors.ts';

/** What goes by one name: a module, or one cell of a module (`depot-cell-1`). */
interface NamedUnit {
  name: string;
  module: string;
  cell?: string;
}

/**
 * Refuses a catalog where two things would go by one name: a cell's unit name
 * (`<module>-<cell>`) that is another module's name or another cell's. The name makes
 * the function, its tables and queues, its version records and its release, so two
 * such units would share (and overwrite) all of them.
 *
 * @throws UnitNameCollisionError naming both and what to rename
 * @example
 * checkUnitNames([depot, depotCell1]); // depot's cell-1 is "depot-cell-1", as the module is
 */
export function checkUnitNames(manifests: readonly Pick<ModuleManifest, 'name' | 'cells'>[]): void {
  const seen = new Map<string, NamedUnit>();
  for (const unit of manifests.flatMap(unitsOf)) {
    const other = seen.get(unit.name);
    if (other && other.module !== unit.module)
      throw new UnitNameCollisionError(unit.name, describe(other), describe(unit));
    seen.set(unit.name, unit);
  }
}

function unitsOf(manifest: Pick<ModuleManifest, 'name' | 'cells'>): NamedUnit[] {
  const cells = (manifest.cells?.names ?? []).map((cell) => ({
    name: cellUnitName(manifest.name, cell),
    module: manifest.name,
    cell,
  }));
  return [{ name: manifest.name, module: manifest.name }, ...cells];
}

function describe(unit: NamedUnit): string {
  return unit.cell === undefined
    ? `the module "${unit.module}"`
    : `the cell "${unit.cell}" of module "${unit.module}"`;
}
