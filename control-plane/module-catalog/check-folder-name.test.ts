import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFolderName } from './check-folder-name.ts';
import { discoverModules } from './discover-modules.ts';
import { ModuleFolderNameError } from './errors.ts';

describe('checkFolderName', () => {
  it('passes a module in the folder of its name, and names the fix for one that is not', () => {
    expect(() => checkFolderName({ name: 'reviews' }, '/repo/modules/reviews')).not.toThrow();
    expect(() => checkFolderName({ name: 'hello' }, '/repo/modules/reviews')).toThrow(
      `/repo/modules/reviews/module.ts names the module "hello", but its folder is "reviews": a module's folder carries its name. Set name: 'reviews' (or rename the folder).`,
    );
  });
});

describe('discoverModules', () => {
  const kit = resolve(import.meta.dirname, '../../modules/kit/index.ts');
  let root = '';

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('refuses a copied folder whose manifest still names the module it was copied from', async () => {
    root = await mkdtemp(join(tmpdir(), 'turnout-catalog-'));
    await mkdir(join(root, 'reviews'));
    await writeFile(
      join(root, 'reviews', 'module.ts'),
      `import { defineModule } from ${JSON.stringify(kit)};\n` +
        "export default defineModule({ name: 'hello', owner: 't', tier: 'low', rest: { prefixes: ['/hello'] } });\n",
    );
    await expect(discoverModules(root)).rejects.toBeInstanceOf(ModuleFolderNameError);
  });
});
