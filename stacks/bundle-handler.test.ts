import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleHandler } from './bundle-handler.ts';

describe('bundleHandler', () => {
  it('bundles a TypeScript handler into one ES module that keeps its handler name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'turnout-bundle-'));
    writeFileSync(
      join(dir, 'greeting.ts'),
      "export const greeting = (name: string): string => 'hello ' + name;\n",
    );
    writeFileSync(
      join(dir, 'handler.ts'),
      "import { greeting } from './greeting.ts';\nexport const handler = async () => ({ body: greeting('turnout') });\n",
    );
    const archive = bundleHandler({ entry: join(dir, 'handler.ts'), outDir: join(dir, 'out') });
    expect(await archive.path).toBe(join(dir, 'out'));
    const loaded = (await import(pathToFileURL(join(dir, 'out', 'handler.mjs')).href)) as {
      handler: () => Promise<{ body: string }>;
    };
    expect(await loaded.handler()).toEqual({ body: 'hello turnout' });
  });
});
