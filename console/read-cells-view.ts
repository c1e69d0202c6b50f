import { CellMapError, readCellReport } from '../control-plane/cells/index.ts';
import type { ConsoleEnvironment } from './console-environment.ts';
import { ConsoleNotFoundError } from './errors.ts';

/**
 * A cellular module's cells, as `turnout cells <module>` reports them (its cell map's
 * buckets and pinned keys, each cell's versions and the load the first target's gateways
 * sent it), from the same reader.
 */
export async function readCellsView(env: ConsoleEnvironment, module: string) {
  const target = env.targets[0];
  try {
    return await readCellReport({
      documents: env.clients.documents,
      registryTable: env.registryTable,
      module,
      gatewayUrls: target?.gatewayUrls ?? [],
      gatewayHealthToken: target?.gatewayHealthToken,
    });
  } catch (error) {
    if (error instanceof CellMapError && error.code === 'NOT_CELLULAR')
      throw new ConsoleNotFoundError(error.message);
    throw error;
  }
}
