import { sep } from 'node:path';
import type { ModuleCode } from './build-module-cached.ts';

/**
 * The files a module's bundle carries code from outside its own folder and outside
 * node_modules: the kit's, contracts', lib's. A save of one is an edit of the module.
 *
 * @example
 * sharedFilesOf('/repo/modules/titles', code); // ['/repo/modules/kit/errors.ts', ...]
 */
export function sharedFilesOf(
  moduleDirectory: string,
  code: Pick<ModuleCode, 'carried'>,
): string[] {
  const own = `${moduleDirectory}${sep}`;
  return code.carried.filter(
    (file) => !file.startsWith(own) && !file.split(sep).includes('node_modules'),
  );
}
