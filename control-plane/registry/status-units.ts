import { cellUnitName } from '../../contracts/cell-map.ts';
import type { ModuleRecord, SupergraphGeneration } from '../../contracts/registry.ts';

/** One row of `turnout status`: a module, or one cell of a cellular module. */
export interface StatusUnit {
  record: ModuleRecord;
  /** The name its release and version records go by: the module's, or the cell's unit name. */
  unit: string;
  cell?: string;
  functionName: string;
  alias: string;
}

/**
 * What `turnout status`, `turnout regions` and the console read per module: the module's own function, or, for a cellular
 * module, each cell's (its cell map in the generation names them), so each cell's
 * version shows apart: cells run different versions between waves of a deployment.
 */
export function statusUnitsOf(
  record: ModuleRecord,
  latest: SupergraphGeneration | undefined,
): StatusUnit[] {
  const map = latest?.cells?.[record.name];
  if (!map) return [{ record, unit: record.name, ...record }];
  return map.cells.map((cell) => ({
    record,
    unit: cellUnitName(record.name, cell.name),
    cell: cell.name,
    functionName: cell.functionName,
    alias: record.alias,
  }));
}
