import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..', '..');

export interface ScratchProject {
  root: string;
  remove(): Promise<void>;
}

/** What the kit imports beside modules/ (`../../contracts/...`), linked from the repo. */
const KIT_IMPORTS = ['contracts', 'lib', 'control-plane'];

/**
 * A project root outside the repo for `turnout dev --root`: a copy of each module and of
 * the kit, which a test may edit (never the repo's modules/), with what the kit imports
 * and the packages linked. `.turnout/` lands in it, not in the repo.
 *
 * @example
 * const project = await makeScratchProject();
 * spawnTurnout(project.root, ['dev', '--port', '0']);
 */
export async function makeScratchProject(): Promise<ScratchProject> {
  const root = await mkdtemp(join(tmpdir(), 'turnout-project-'));
  await cp(join(repo, 'modules'), join(root, 'modules'), { recursive: true });
  for (const folder of KIT_IMPORTS) await symlink(join(repo, folder), join(root, folder));
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'));
  await cp(join(repo, 'package-lock.json'), join(root, 'package-lock.json'));
  // The modules are ES modules in TypeScript, as in the repo.
  await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}
