import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The modules in the repository: every folder `modules/<name>/` with a `module.ts`
 * (the kit has none, so it is not a module).
 *
 * @example
 * listModuleNames('modules'); // ['names', 'ratings', 'titles']
 */
export function listModuleNames(modulesDir: string): string[] {
  if (!existsSync(modulesDir)) return [];
  return readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(modulesDir, entry.name, 'module.ts')))
    .map((entry) => entry.name)
    .sort();
}
