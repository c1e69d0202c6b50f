import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFreshManifest } from './load-fresh-manifest.ts';

const kit = resolve(import.meta.dirname, '..', '..', 'modules', 'kit', 'index.ts');
const moduleSource = (tier: string) => `
import { defineModule } from ${JSON.stringify(kit)};
export default defineModule({ name: 'shelf', owner: 'team-shelf', tier: '${tier}', description: 'Shelves.', rest: { prefixes: ['/shelf'] } });
`;

let root: string;
let directory: string;

describe('loadFreshManifest', () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'turnout-manifest-'));
    directory = join(root, 'shelf');
    await mkdir(directory, { recursive: true });
    await writeFile(join(directory, 'module.ts'), moduleSource('low'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads module.ts as it is on disk now, and gives the same manifest again while its code is the same', async () => {
    const scratch = join(root, 'dev');
    const first = await loadFreshManifest(directory, scratch);
    expect(first.tier).toBe('low');
    // A save elsewhere in the folder (a resolver): module.ts's files are as they were.
    await writeFile(join(directory, 'resolver.ts'), 'export const x = 1;\n');
    expect(await loadFreshManifest(directory, scratch)).toBe(first);
    // module.ts saved with the same text: built again, the same bundle, not imported again.
    await writeFile(join(directory, 'module.ts'), moduleSource('low'));
    expect(await loadFreshManifest(directory, scratch)).toBe(first);
    await writeFile(join(directory, 'module.ts'), moduleSource('high'));
    const changed = await loadFreshManifest(directory, scratch);
    expect(changed).not.toBe(first);
    expect(changed.tier).toBe('high');
  });

  it('throws the manifest error for a bad manifest, and does not keep it', async () => {
    const scratch = join(root, 'dev');
    await writeFile(join(directory, 'module.ts'), moduleSource('urgent'));
    await expect(loadFreshManifest(directory, scratch)).rejects.toThrow(/tier/);
    await expect(loadFreshManifest(directory, scratch)).rejects.toThrow(/tier/);
  });
});
