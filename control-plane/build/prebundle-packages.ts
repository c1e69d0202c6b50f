import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { build, version as esbuildVersion, type Metafile } from 'esbuild';
import { graphqlAsEsModule } from './graphql-as-es-module.ts';
import { BUNDLE_MAIN_FIELDS, BUNDLE_TARGET } from './lambda-runtime.ts';
import { readPackageVersions } from './read-build-provenance.ts';
import { readExportNames } from './read-export-names.ts';
import { scanPackageImports } from './scan-package-imports.ts';

/** One package import the vendor serves. */
export interface VendorEntry {
  /**
   * The file the specifier resolves to in node_modules as a linked build resolves it
   * (Node's choice: the SDK's CommonJS); the entry itself may come from the package's ES
   * modules. A linked build uses the entry only where its import resolves to this file.
   */
  source: string;
  /** The entry's file in the vendor, by absolute path. */
  file: string;
  /** `name@version` of every package the entry loads (its chunks' too). */
  packages: string[];
}

/** Packages pre-bundled for `linkPackages` builds (`createLinkPackages(vendor)`). */
export interface PackageVendor {
  /** `.turnout/build-cache/vendor-<hash>/`. */
  directory: string;
  /** By bare specifier, as the code imports it: `zod`, `@aws-sdk/lib-dynamodb`. */
  entries: Record<string, VendorEntry>;
  /** True when it was there already (built by an earlier start with the same inputs). */
  reused: boolean;
}

export interface PrebundlePackagesOptions {
  /** The entries whose package imports are pre-bundled (every module's handler). */
  entries: readonly string[];
  /** `.turnout/build-cache`: the vendor goes to `vendor-<hash>/` in it. */
  cacheDirectory: string;
  /** package-lock.json: another install is another vendor. */
  lockFile: string;
  /** Where the packages resolve from: the project root. */
  root: string;
}

/** What the vendor's folder keeps beside the bundles (`vendor.json`), written last. */
interface VendorRecord {
  entries: Record<string, VendorEntry>;
}

const BANNER =
  "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/**
 * Pre-bundles every package the entries import, once per lockfile (as Vite's dependency
 * pre-bundling does): one ES module per bare specifier, code shared between them (the
 * AWS SDK's smithy, ...) in shared chunks, so each package has one instance however
 * many entries load it. A `linkPackages` build then imports these few minified files
 * instead of the hundreds of files its packages are in node_modules: `turnout dev`'s
 * live edits init like the start's full bundles, not twice as slowly.
 *
 * The folder is named by what it was built from (the lockfile, the specifiers and the
 * files they resolve to, esbuild's and Node's versions, the target) and reused while
 * they are the same; its `vendor.json` is written last and the folder moved in place
 * whole, so a build stopped half-way leaves nothing that looks done. Packages resolve as
 * in the full bundle: the AWS SDK, graphql, zod, ... from their ES modules, re-exported
 * whole (`export *`), which also spares the init esbuild's CommonJS wrappers (titles'
 * edit: 364 against 472 ms to ready, `npm run bench -- edit-init`). A package that is CommonJS only gets an entry
 * naming each export Node's loader finds in it (`readExportNames`): an `export *` of
 * CommonJS would expose none. A specifier whose entry does not expose every such name,
 * or that fails to load, gets no entry and stays linked.
 *
 * @example
 * const vendor = await prebundlePackages({ entries, cacheDirectory: '.turnout/build-cache', lockFile: 'package-lock.json', root: '.' });
 */
export async function prebundlePackages(options: PrebundlePackagesOptions): Promise<PackageVendor> {
  const imports = [...(await scanPackageImports(options.entries))].sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  const lock = await readFile(options.lockFile).catch(() => Buffer.alloc(0));
  const hash = createHash('sha256')
    .update(lock)
    .update(
      JSON.stringify([imports, esbuildVersion, process.version, BUNDLE_TARGET, BUNDLE_MAIN_FIELDS]),
    )
    .digest('hex')
    .slice(0, 16);
  const directory = join(resolve(options.cacheDirectory), `vendor-${hash}`);
  const record = await readFile(join(directory, 'vendor.json'), 'utf8').then(
    (text) => JSON.parse(text) as VendorRecord,
    () => undefined,
  );
  if (record) return { directory, entries: record.entries, reused: true };
  const entries = await buildVendor(new Map(imports), directory, options);
  return { directory, entries, reused: false };
}

/** Builds the vendor in a scratch folder, then moves it to `directory` and drops older vendors. */
async function buildVendor(
  imports: Map<string, string>,
  directory: string,
  options: PrebundlePackagesOptions,
): Promise<Record<string, VendorEntry>> {
  const scratch = join(resolve(options.cacheDirectory), `.vendor-${process.pid}-${randomUUID()}`);
  const folder = join(scratch, 'entries');
  const outdir = join(scratch, 'bundle');
  try {
    // Every package as an ES module first, as the full bundle takes it (BUNDLE_MAIN_FIELDS).
    const whole = new Map(
      [...imports.keys()].map((s) => [s, `export * from ${JSON.stringify(s)};\n`]),
    );
    let wrappers = await writeEntryModules(whole, folder);
    let result = await bundleEntries(wrappers, outdir, options.root).catch(() => undefined);
    const esModules = new Set(
      [...wrappers]
        .filter(([, w]) => result && reExportsEsModule(result.metafile, w))
        .map(([s]) => s),
    );
    // The rest is CommonJS (or did not build as ES modules): each by the names Node finds.
    const commonJs = [...imports].filter(([specifier]) => !esModules.has(specifier));
    const names = await readExportNames([...new Set(commonJs.map(([, f]) => f))], options.root);
    if (!result || commonJs.length > 0) {
      const named = commonJs.flatMap(([specifier, source]): [string, string][] => {
        const exported = exportableNames(names[source]);
        return exported.length > 0
          ? [[specifier, `export { ${exported.join(', ')} } from ${JSON.stringify(source)};\n`]]
          : [];
      });
      const kept = [...whole].filter(([specifier]) => esModules.has(specifier));
      await rm(outdir, { recursive: true, force: true });
      wrappers = await writeEntryModules(new Map([...kept, ...named]), folder);
      result = await bundleEntries(wrappers, outdir, options.root);
    }
    const complete = (specifier: string, exported: Set<string>) =>
      esModules.has(specifier) ||
      exportableNames(names[imports.get(specifier) as string]).every((n) => exported.has(n));
    const entries = await entriesOf(
      result.metafile,
      imports,
      wrappers,
      outdir,
      directory,
      complete,
    );
    await writeFile(join(outdir, 'vendor.json'), JSON.stringify({ entries }));
    // why: rename fails when another start put the same vendor there first; that one is as good
    await rename(outdir, directory).catch(() => undefined);
    await removeOtherVendors(options.cacheDirectory, directory);
    return entries;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * One build of every entry, with code shared between them in chunks. It resolves
 * packages as the full bundle does: their ES modules where they have them, graphql's
 * `.mjs` files for its root and deep imports alike (one copy), from the project's
 * node_modules wherever the cache folder is.
 */
function bundleEntries(wrappers: Map<string, string>, outdir: string, root: string) {
  return build({
    entryPoints: [...wrappers.values()],
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    mainFields: BUNDLE_MAIN_FIELDS,
    plugins: [graphqlAsEsModule],
    nodePaths: [join(resolve(root), 'node_modules')],
    minify: true,
    metafile: true,
    logLevel: 'silent',
    // Some bundled CommonJS calls require(); an ES module has none of its own.
    banner: { js: BANNER },
  });
}

/** Whether the entry's `export *` reached an ES module: then it exports all that module does. */
function reExportsEsModule(metafile: Metafile, wrapper: string): boolean {
  const input = Object.entries(metafile.inputs).find(([path]) => resolve(path) === wrapper)?.[1];
  const target = input?.imports[0]?.path;
  return target !== undefined && metafile.inputs[target]?.format === 'esm';
}

/**
 * One ES module per specifier, with the source given (`export * from` a package that
 * is an ES module; `export { names } from` a CommonJS file, by what Node's loader
 * detects in it, and `default`, the whole `module.exports`). Written as `.mjs` so
 * esbuild gives CommonJS the meaning Node gives it. By specifier.
 */
async function writeEntryModules(
  sources: Map<string, string>,
  folder: string,
): Promise<Map<string, string>> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const wrappers = new Map<string, string>();
  let index = 0;
  for (const [specifier, source] of sources) {
    const file = join(folder, `${index++}-${specifier.replace(/[^\w.-]/g, '_')}.mjs`);
    await writeFile(file, source);
    wrappers.set(specifier, file);
  }
  return wrappers;
}

/** The names an `export { ... } from` can list (a name that is no identifier is left out). */
function exportableNames(names: string[] | null | undefined): string[] {
  return (names ?? []).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
}

/**
 * Each specifier's entry from the build's metafile: only a complete one (an ES module's
 * `export *`, or a CommonJS entry whose output exports every name Node found: else an
 * import of a missing name would fail only when the edit's version starts), with the
 * packages its output and its chunks hold.
 */
async function entriesOf(
  metafile: Metafile,
  imports: Map<string, string>,
  wrappers: Map<string, string>,
  outdir: string,
  directory: string,
  complete: (specifier: string, exported: Set<string>) => boolean,
): Promise<Record<string, VendorEntry>> {
  const outputs = Object.entries(metafile.outputs);
  const entries: Record<string, VendorEntry> = {};
  for (const [specifier, wrapper] of wrappers) {
    const source = imports.get(specifier) as string;
    const found = outputs.find(([, o]) => o.entryPoint && resolve(o.entryPoint) === wrapper);
    if (!found) continue;
    const [output, built] = found;
    if (!complete(specifier, new Set(built.exports))) continue;
    const file = join(directory, relative(outdir, resolve(output)));
    const inputs = reachableInputs(metafile, output);
    entries[specifier] = { source, file, packages: await readPackageVersions(inputs) };
  }
  return entries;
}

/** The input files of an output and of every chunk it imports, by absolute path. */
function reachableInputs(metafile: Metafile, output: string): string[] {
  const seen = new Set<string>();
  const inputs = new Set<string>();
  const visit = (path: string) => {
    const out = metafile.outputs[path];
    if (!out || seen.has(path)) return;
    seen.add(path);
    for (const input of Object.keys(out.inputs)) inputs.add(resolve(input));
    for (const imported of out.imports) if (!imported.external) visit(imported.path);
  };
  visit(output);
  return [...inputs];
}

/**
 * Vendors built for other lockfiles or imports (nothing loads them any more), and the
 * scratch folders of builds whose process is gone (a start stopped while building).
 */
async function removeOtherVendors(cacheDirectory: string, keep: string): Promise<void> {
  for (const name of await readdir(cacheDirectory)) {
    const path = join(resolve(cacheDirectory), name);
    const scratchOf = /^\.vendor-(\d+)-/.exec(name)?.[1];
    const stale = name.startsWith('vendor-')
      ? path !== keep
      : scratchOf !== undefined && !isRunning(Number(scratchOf));
    if (stale) await rm(path, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
