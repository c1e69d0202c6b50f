import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { NoModulesFolderError } from './errors.ts';

/** `<root>/modules`, or an error that says to run from the project root. */
export async function findModulesDirectory(root: string): Promise<string> {
  const directory = join(root, 'modules');
  const found = await stat(directory).catch(() => undefined);
  if (!found?.isDirectory()) throw new NoModulesFolderError(root);
  return directory;
}
