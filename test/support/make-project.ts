import { cp, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..', '..');

/**
 * A project root of its own in a temporary folder, holding copies of the named modules
 * (without their tests) beside links to the kit and node_modules: module discovery takes
 * folders, not links to them, and a test may edit its copy.
 */
export async function makeProject(prefix: string, modules: readonly string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(join(root, 'modules'));
  for (const module of modules) {
    await cp(join(repo, 'modules', module), join(root, 'modules', module), {
      recursive: true,
      filter: (source) => !source.endsWith('.test.ts'),
    });
  }
  await symlink(join(repo, 'modules', 'kit'), join(root, 'modules', 'kit'));
  // The modules import the AWS SDK and their libraries.
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'));
  // A project root is an ES module package, as the repo is: the CLI loads module.ts as ESM.
  await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  return root;
}
