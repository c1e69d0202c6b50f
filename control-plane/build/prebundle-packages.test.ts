import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambda } from './bundle-lambda.ts';
import { type PackageVendor, prebundlePackages } from './prebundle-packages.ts';

const repo = resolve(import.meta.dirname, '..', '..');

/** A module importing graphql (by its root and a deep path) and zod: both have ES modules. */
const HANDLER = `
import { GraphQLError } from 'graphql';
import { parse } from 'graphql/language/parser.js';
import * as z from 'zod';
export const handler = () => [new GraphQLError('boom').message, parse('{ a }').kind, z.string().parse('ok')];
`;

let root: string;
let vendor: PackageVendor;
const options = () => ({
  entries: [join(root, 'handler.ts'), join(root, 'uses-broken.ts'), join(root, 'uses-cjs.ts')],
  cacheDirectory: join(root, '.turnout', 'build-cache'),
  lockFile: join(root, 'package-lock.json'),
  root,
});

/** A package in the scratch root's node_modules whose `main` is `index.js`, with `code` in it. */
async function writeCommonJsPackage(name: string, version: string, code: string): Promise<void> {
  const folder = join(root, 'node_modules', name);
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, 'package.json'),
    `${JSON.stringify({ name, version, main: 'index.js' })}\n`,
  );
  await writeFile(join(folder, 'index.js'), code);
}

describe('prebundlePackages', () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'turnout-vendor-'));
    // The packages the entries use, and one that throws when Node loads it.
    await mkdir(join(root, 'node_modules'), { recursive: true });
    for (const name of ['graphql', 'zod', 'jose'])
      await symlink(join(repo, 'node_modules', name), join(root, 'node_modules', name));
    await writeCommonJsPackage('broken-at-load', '1.0.0', "throw new Error('needs a service');\n");
    await writeFile(join(root, 'uses-broken.ts'), "export { default } from 'broken-at-load';\n");
    // A package that is CommonJS only: no ES module to re-export whole.
    await writeCommonJsPackage('cjs-only', '2.0.0', "exports.greet = (name) => 'hello ' + name;\n");
    await writeFile(join(root, 'uses-cjs.ts'), "export { greet } from 'cjs-only';\n");
    await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
    await writeFile(join(root, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
    await writeFile(join(root, 'handler.ts'), HANDLER);
    vendor = await prebundlePackages(options());
  }, 120_000);

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('gives each bare import an entry, named after the lockfile and the imports, with its packages', () => {
    expect(vendor.reused).toBe(false);
    expect(vendor.directory).toMatch(/[/\\]\.turnout[/\\]build-cache[/\\]vendor-[0-9a-f]{16}$/);
    expect(Object.keys(vendor.entries).sort()).toEqual([
      'cjs-only',
      'graphql',
      'graphql/language/parser.js',
      'zod',
    ]);
    // The file Node would load (node_modules is a symlink here: esbuild names its target).
    expect(vendor.entries.graphql?.source).toMatch(/[/\\]node_modules[/\\]graphql[/\\]index\.js$/);
    expect(vendor.entries.zod?.packages).toEqual([expect.stringMatching(/^zod@\d+\.\d+\.\d+$/)]);
  });

  it('takes a package from its ES modules, as the full bundle does: one graphql for its root and deep imports', async () => {
    const whole = await import(pathToFileURL(vendor.entries.graphql?.file ?? '').href);
    const parser = await import(
      pathToFileURL(vendor.entries['graphql/language/parser.js']?.file ?? '').href
    );
    expect(typeof whole.GraphQLError).toBe('function');
    // graphql's .mjs files, as BUNDLE_MAIN_FIELDS and graphqlAsEsModule pick them: no CommonJS default.
    expect(whole.default).toBeUndefined();
    // The deep import and the root share graphql's code: one parse, one Kind.
    expect(parser.parse).toBe(whole.parse);
  });

  it("exposes a CommonJS-only package's names, and its module.exports as default", async () => {
    const loaded = await import(pathToFileURL(vendor.entries['cjs-only']?.file ?? '').href);
    expect(loaded.greet('edit')).toBe('hello edit');
    expect(loaded.default.greet).toBe(loaded.greet);
    expect(vendor.entries['cjs-only']?.packages).toEqual(['cjs-only@2.0.0']);
  });

  it('is reused while the lockfile and the imports are the same, and made again when the lockfile changes', async () => {
    const again = await prebundlePackages(options());
    expect(again).toMatchObject({ reused: true, directory: vendor.directory });
    await writeFile(join(root, 'package-lock.json'), '{ "lockfileVersion": 3, "changed": 1 }\n');
    const next = await prebundlePackages(options());
    expect(next.reused).toBe(false);
    expect(next.directory).not.toBe(vendor.directory);
    // The old vendor is gone: nothing loads it any more.
    const left = await readdir(options().cacheDirectory);
    expect(left.filter((name) => name.startsWith('vendor-'))).toEqual([
      next.directory.split(/[/\\]/).pop(),
    ]);
    vendor = next;
  }, 120_000);

  it('lets a linked build import the vendor entries, and link what the vendor lacks', async () => {
    const folder = join(root, 'edit');
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, 'handler.ts'),
      `${HANDLER}\nimport { base64url } from 'jose';\nexport const encoded = base64url.encode('x');\n`,
    );
    const bundle = await bundleLambda({
      entry: join(folder, 'handler.ts'),
      outputDirectory: join(root, 'out'),
      linkPackages: true,
      vendor,
    });
    expect(bundle.vendored.sort()).toEqual(['graphql', 'graphql/language/parser.js', 'zod']);
    expect(bundle.linked).toEqual([expect.stringContaining(`${join('node_modules', 'jose')}`)]);
    const code = await readFile(join(bundle.directory, bundle.entry), 'utf8');
    expect(code).toContain(pathToFileURL(vendor.entries.zod?.file ?? '').href);
    const loaded = await import(pathToFileURL(join(bundle.directory, bundle.entry)).href);
    expect(loaded.handler()).toEqual(['boom', 'Document', 'ok']);
    expect(loaded.encoded).toBe('eA');
  }, 60_000);

  it('gives no entry to a package that fails to load, which a linked build then links', async () => {
    expect(vendor.entries['broken-at-load']).toBeUndefined();
    const bundle = await bundleLambda({
      entry: join(root, 'uses-broken.ts'),
      outputDirectory: join(root, 'out-broken'),
      linkPackages: true,
      vendor,
    });
    expect(bundle.vendored).toEqual([]);
    expect(bundle.linked).toEqual([
      expect.stringContaining(join('node_modules', 'broken-at-load', 'index.js')),
    ]);
  }, 60_000);
});
