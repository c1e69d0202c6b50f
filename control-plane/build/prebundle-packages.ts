import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, version as esbuildVersion, type Metafile } from 'esbuild';
import { BUNDLE_TARGET } from './lambda-runtime.ts';
import { readPackageVersions } from './read-build-provenance.ts';
import { readExportNames } from './read-export-names.ts';
import { scanPackageImports } from './scan-package-imports.ts';

/** One package import the vendor serves. */
export interface VendorEntry {
  /** The file the specifier resolves to in node_modules, which the entry was built from. */
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
 * whole, so a build stopped half-way leaves nothing that looks done. A CommonJS package
 * gets an entry naming each export Node's loader finds in it (`readExportNames`): an
 * `export *` of CommonJS would expose none. A specifier whose entry does not expose
 * every such name, or that fails to load, gets no entry and stays linked.
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
    .update(JSON.stringify([imports, esbuildVersion, process.version, BUNDLE_TARGET]))
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
  try {
    const names = await readExportNames([...new Set(imports.values())], options.root);
    const wrappers = await writeEntryModules(imports, names, join(scratch, 'entries'));
    const result = await build({
      entryPoints: [...wrappers.values()],
      outdir: scratch,
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: BUNDLE_TARGET,
      minify: true,
      metafile: true,
      logLevel: 'silent',
      // Some bundled CommonJS calls require(); an ES module has none of its own.
      banner: { js: BANNER },
    });
    const entries = await entriesOf(result.metafile, imports, names, wrappers, directory);
    await writeFile(join(scratch, 'vendor.json'), JSON.stringify({ entries }));
    // why: rename fails when another start put the same vendor there first; that one is as good
    await rename(scratch, directory).catch(() => undefined);
    await removeOtherVendors(options.cacheDirectory, directory);
    return entries;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * One ES module per specifier, re-exporting by name what Node finds in the file it
 * resolves to (for an ES module, its exports; for CommonJS, what Node's loader detects,
 * and `default`, the whole `module.exports`). Written as `.mjs` so esbuild gives
 * CommonJS the meaning Node gives it. By specifier; a file that failed to load has none.
 */
async function writeEntryModules(
  imports: Map<string, string>,
  names: Record<string, string[] | null>,
  folder: string,
): Promise<Map<string, string>> {
  await mkdir(folder, { recursive: true });
  const wrappers = new Map<string, string>();
  let index = 0;
  for (const [specifier, source] of imports) {
    const exported = exportableNames(names[source]);
    if (exported.length === 0) continue;
    const file = join(folder, `${index++}-${specifier.replace(/[^\w.-]/g, '_')}.mjs`);
    await writeFile(file, `export { ${exported.join(', ')} } from ${JSON.stringify(source)};\n`);
    wrappers.set(specifier, file);
  }
  return wrappers;
}

/** The names an `export { ... } from` can list (a name that is no identifier is left out). */
function exportableNames(names: string[] | null | undefined): string[] {
  return (names ?? []).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
}

/**
 * Each specifier's entry from the build's metafile: only one whose output exports every
 * name Node found (else an import of a missing name would fail only when the edit's
 * version starts), with the packages its output and its chunks hold.
 */
async function entriesOf(
  metafile: Metafile,
  imports: Map<string, string>,
  names: Record<string, string[] | null>,
  wrappers: Map<string, string>,
  directory: string,
): Promise<Record<string, VendorEntry>> {
  const outputs = Object.entries(metafile.outputs);
  const entries: Record<string, VendorEntry> = {};
  for (const [specifier, wrapper] of wrappers) {
    const source = imports.get(specifier) as string;
    const found = outputs.find(([, o]) => o.entryPoint && resolve(o.entryPoint) === wrapper);
    if (!found) continue;
    const [output, built] = found;
    const exported = new Set(built.exports);
    if (!exportableNames(names[source]).every((name) => exported.has(name))) continue;
    const file = join(directory, resolve(output).slice(resolve(wrapper, '..', '..').length));
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
