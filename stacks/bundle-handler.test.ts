import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModule } from '../control-plane/build/index.ts';
import { bundleHandler } from './bundle-handler.ts';

function sampleModule(): string {
  const dir = mkdtempSync(join(tmpdir(), 'turnout-bundle-'));
  writeFileSync(
    join(dir, 'greeting.ts'),
    "export const greeting = (name: string): string => 'hello ' + name;\n",
  );
  writeFileSync(
    join(dir, 'handler.ts'),
    "import { greeting } from './greeting.ts';\nexport const handler = async () => ({ body: greeting('turnout') });\n",
  );
  return dir;
}

describe('bundleHandler', () => {
  it('bundles a TypeScript handler into one ES module that keeps its handler name', async () => {
    const dir = sampleModule();
    const archive = await bundleHandler({
      entry: join(dir, 'handler.ts'),
      outDir: join(dir, 'out'),
    });
    expect(await (archive as { path: Promise<string> }).path).toBe(join(dir, 'out'));
    const loaded = (await import(pathToFileURL(join(dir, 'out', 'handler.mjs')).href)) as {
      handler: () => Promise<{ body: string }>;
    };
    expect(await loaded.handler()).toEqual({ body: 'hello turnout' });
  });

  it("builds what the pipeline's build does, source map included, byte for byte", async () => {
    const dir = sampleModule();
    await bundleHandler({ entry: join(dir, 'handler.ts'), outDir: join(dir, 'stack') });
    await buildModule({ directory: dir, outputDirectory: join(dir, 'pipeline') });
    expect(readdirSync(join(dir, 'stack')).sort()).toEqual(['handler.mjs', 'handler.mjs.map']);
    const read = (folder: string, file: string) => readFileSync(join(dir, folder, file), 'utf8');
    for (const file of ['handler.mjs', 'handler.mjs.map']) {
      expect(read('stack', file)).toBe(read('pipeline', file));
    }
  });

  it('refuses an entry that does not exist before bundling anything', () => {
    expect(() => bundleHandler({ entry: 'modules/nothing/handler.ts', outDir: 'out' })).toThrow(
      "point the manifest's function.handler",
    );
  });
});
