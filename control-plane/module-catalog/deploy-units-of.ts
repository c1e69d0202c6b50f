import { deployUnitManifests } from '../../modules/kit/cell-unit-manifest.ts';
import type { DiscoveredModule } from './discover-modules.ts';

/**
 * What gets its own function, tables and queues: each cell of a cellular module (same
 * code, its own names), or the module itself.
 */
export function deployUnitsOf(module: DiscoveredModule): DiscoveredModule[] {
  return deployUnitManifests(module.manifest).map((manifest) => ({ ...module, manifest }));
}
