import { basename, join } from 'node:path';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import { ModuleFolderNameError } from './errors.ts';

/**
 * A module's folder carries its name: `turnout deploy <name>` and the other commands
 * find a module by its folder, and a copied folder whose manifest still names the
 * original is caught here rather than as the original's second copy.
 *
 * @throws ModuleFolderNameError
 * @example
 * checkFolderName(manifest, 'modules/reviews'); // passes when manifest.name is 'reviews'
 */
export function checkFolderName(manifest: Pick<ModuleManifest, 'name'>, directory: string): void {
  const folder = basename(directory);
  if (manifest.name !== folder) {
    throw new ModuleFolderNameError(join(directory, 'module.ts'), manifest.name, folder);
  }
}
