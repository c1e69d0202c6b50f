import { mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CriticalityTier, moduleNameSchema } from '../../modules/kit/index.ts';
import { InvalidModuleNameError, ModuleExistsError } from '../errors.ts';
import { findModulesDirectory } from '../find-modules-directory.ts';
import { graphqlModuleFiles, namingOf, restModuleFiles, tryItCommand } from './module-templates.ts';

export interface NewModuleOptions {
  /** The project root, holding modules/. */
  root: string;
  name: string;
  /** A graphlet (GraphQL) module instead of a REST one. @default false */
  graphql?: boolean;
  /** The team that owns it. @default `team-<name>` */
  owner?: string;
  /** @default 'low' */
  tier?: CriticalityTier;
}

export interface NewModule {
  directory: string;
  /** The files written, by name in the module's folder. */
  files: string[];
  /** A command that asks the new module through the local gateway. */
  tryIt: string;
}

/**
 * Writes a new module's folder, `modules/<name>/`, in the house's shape (manifest, the
 * code the team edits, its test, the handler at the edge), ready for `turnout dev` and
 * `turnout deploy`. The files are written in a hidden folder and renamed into place, so
 * a running `turnout dev` sees the module whole; nothing is written over.
 *
 * @throws InvalidModuleNameError, NoModulesFolderError, ModuleExistsError
 * @example
 * const { directory, files } = await writeNewModule({ root: '.', name: 'reviews' });
 */
export async function writeNewModule(options: NewModuleOptions): Promise<NewModule> {
  const checked = moduleNameSchema.safeParse(options.name);
  if (!checked.success) {
    throw new InvalidModuleNameError(options.name, checked.error.issues[0]?.message ?? '');
  }
  const modules = await findModulesDirectory(options.root);
  const directory = join(modules, options.name);
  if (await stat(directory).catch(() => undefined)) throw new ModuleExistsError(directory);
  const input = {
    ...namingOf(options.name),
    owner: options.owner ?? `team-${options.name}`,
    tier: options.tier ?? 'low',
  };
  const files = options.graphql ? graphqlModuleFiles(input) : restModuleFiles(input);
  // why hidden: module discovery and turnout dev's watcher skip dot folders
  const scratch = await mkdtemp(join(modules, `.new-${options.name}-`));
  try {
    for (const { file, text } of files) await writeFile(join(scratch, file), text);
    await rename(scratch, directory).catch(async (error: NodeJS.ErrnoException) => {
      // A folder made under the same name since the check above.
      if (error.code === 'ENOTEMPTY' || error.code === 'EEXIST') {
        throw new ModuleExistsError(directory);
      }
      throw error;
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return {
    directory,
    files: files.map(({ file }) => file),
    tryIt: tryItCommand(input, options.graphql ?? false),
  };
}
