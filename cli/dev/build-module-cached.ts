import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import type { BuildProvenance } from '../../contracts/deployment-record.ts';
import {
  type BatchedBundle,
  BUNDLE_MAIN_FIELDS,
  BUNDLE_TARGET,
  buildModule,
  readBuildProvenance,
  readGitCommit,
  zipBundle,
} from '../../control-plane/build/index.ts';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';

export interface ModuleCode {
  /**
   * The bundle's folder in the cache, which the local Lambda reads in place: no zip to
   * make, send, unpack and write again for each function (the cells of a module share
   * it). Never rewritten: a changed bundle gets a folder of its own.
   */
  directory: string;
  /** The bundle's size unzipped (code and source map). */
  bytes: number;
  /** True when the bundle came from the cache, nothing built. */
  cached: boolean;
  /**
   * The files whose code the bundle carries, as absolute paths: the module's code, the
   * shared code it uses (the kit, contracts, lib) and its packages' files.
   */
  carried: string[];
  /**
   * What the bundle was made of, as a deployment records it (`readBuildProvenance`): the
   * SHA-256 of its zip, its packages, and the folder's commit now.
   */
  provenance: BuildProvenance;
}

export interface BundleCacheOptions {
  /** `.turnout/build-cache`: one folder per module. */
  cacheDirectory: string;
  /** Where a module is built on a miss, one folder per module. */
  buildDirectory: string;
  /** The project's lockfile (package-lock.json): a dependency install empties the cache. */
  lockFile: string;
  /** False to build even when the entry is current (a live edit knows it changed). @default true */
  reuse?: boolean;
  /**
   * What a build waits for on a miss (the cache is read at once). `turnout dev` passes
   * the local cloud's start: ten builds at once starve DynamoDB Local's JVM of CPU on a
   * loaded machine, past its start timeout.
   */
  buildAfter?: Promise<unknown>;
  /**
   * The module folder's commit now, for a bundle from the cache (`readGitCommit`):
   * `turnout dev` reads every module's at once (`readGitCommits`). @default readGitCommit
   */
  readCommit?: (directory: string) => Promise<string | undefined>;
  /**
   * What bundles a miss: `turnout dev`'s start passes one batch (`createBundleBatch`),
   * so its misses are built in one esbuild run. @default bundleLambda
   */
  bundle?: BatchedBundle;
}

/**
 * Where a project keeps its bundles and what empties them: `.turnout/build-cache` and
 * its lockfile, for the start's bundles, an added module's and the edits' vendor alike.
 */
export function projectBundleCache(
  root: string,
): Pick<BundleCacheOptions, 'cacheDirectory' | 'lockFile'> {
  return {
    cacheDirectory: join(root, '.turnout', 'build-cache'),
    lockFile: join(root, 'package-lock.json'),
  };
}

/** What a cache entry was built from: the settings and every input's content hash. */
interface CacheEntry {
  settings: string;
  files: Record<string, string>;
  bytes: number;
  /** Read when built: zipping the bundle again at each start would cost every start. */
  built: Omit<BuildProvenance, 'commit'>;
  /** `LambdaBundle.carried`; an entry written before entries kept it has every input instead. */
  carried?: string[];
}

/**
 * Builds a module's bundle, or takes it from `.turnout/build-cache/<module>/` when
 * nothing it was built from changed. Building the ten modules is most of a cold
 * `npm start` (each bundles the AWS SDK: about 1,000 files), and between two starts
 * usually nothing changed.
 *
 * An entry is used only when all of these are the same as when it was built: the
 * content of every file esbuild read for it (the module's code, the kit, each
 * dependency's files), the lockfile (so an install that changes how an import resolves
 * rebuilds), esbuild's version, the bundle target and the handler. Anything else, or no
 * entry, builds and writes a new one; the entry's list is written last, so a start
 * stopped half-way leaves no entry that looks whole. `rm -rf .turnout/build-cache`
 * empties it.
 *
 * @example
 * const hashes = createFileHashes();
 * const { directory, cached } = await buildModuleCached(module, options, hashes);
 */
export async function buildModuleCached(
  module: DiscoveredModule,
  options: BundleCacheOptions,
  hashes: FileHashes,
): Promise<ModuleCode> {
  const { manifest, directory } = module;
  const entryDirectory = join(options.cacheDirectory, manifest.name);
  const settings = JSON.stringify({
    esbuild: esbuildVersion,
    target: BUNDLE_TARGET,
    mainFields: BUNDLE_MAIN_FIELDS,
    handler: manifest.function.handler,
    directory,
    lock: await hashes.of(options.lockFile),
  });
  const cached =
    options.reuse === false ? undefined : await readCached(entryDirectory, settings, hashes);
  if (cached) {
    const { built, ...code } = cached;
    const commit = await (options.readCommit ?? readGitCommit)(directory);
    return { ...code, provenance: { ...built, ...(commit ? { commit } : {}) } };
  }
  await options.buildAfter;
  const bundle = await buildModule({
    directory,
    outputDirectory: join(options.buildDirectory, manifest.name),
    handler: manifest.function.handler,
    bundle: options.bundle,
  });
  const files: Record<string, string> = {};
  for (const input of bundle.inputs) files[input] = (await hashes.of(input)) ?? '';
  const zip = await zipBundle(bundle.directory);
  const provenance = await readBuildProvenance({ directory, inputs: bundle.inputs, zip });
  const { commit: _, ...built } = provenance;
  const entry = { settings, files, bytes: bundle.bytes, built, carried: bundle.carried };
  const cachedBundle = await writeEntry(entryDirectory, bundle.directory, entry);
  return {
    directory: cachedBundle,
    bytes: bundle.bytes,
    cached: false,
    carried: bundle.carried,
    provenance,
  };
}

async function readCached(
  entryDirectory: string,
  settings: string,
  hashes: FileHashes,
): Promise<(Omit<ModuleCode, 'provenance'> & Pick<CacheEntry, 'built'>) | undefined> {
  const text = await readFile(join(entryDirectory, 'inputs.json'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const entry = JSON.parse(text) as CacheEntry;
  // An entry written before entries kept their provenance is built again, once.
  if (entry.settings !== settings || !entry.built) return undefined;
  const paths = Object.keys(entry.files);
  const current = await Promise.all(paths.map((path) => hashes.of(path)));
  if (paths.some((path, i) => current[i] !== entry.files[path])) return undefined;
  const directory = join(entryDirectory, bundleFolderOf(entry));
  const present = await stat(directory).then(
    (info) => info.isDirectory(),
    () => false,
  );
  return present
    ? {
        directory,
        bytes: entry.bytes,
        cached: true,
        carried: entry.carried ?? paths,
        built: entry.built,
      }
    : undefined;
}

/**
 * Copies the bundle into the entry under a name made from what it was built from, then
 * writes the entry's list. A folder a running version may read is never rewritten
 * (`turnout dev --regions` starts a cloud per Region from the same cache): the same
 * inputs make the same folder, kept when it is there; other inputs make another one.
 */
async function writeEntry(
  entryDirectory: string,
  bundleDirectory: string,
  entry: CacheEntry,
): Promise<string> {
  const folder = bundleFolderOf(entry);
  const directory = join(entryDirectory, folder);
  await mkdir(entryDirectory, { recursive: true });
  const copying = join(entryDirectory, `.copying-${process.pid}-${randomUUID()}`);
  await cp(bundleDirectory, copying, { recursive: true });
  // why: rename fails when another start put the same folder there first; that one is as good
  await rename(copying, directory).catch(() => rm(copying, { recursive: true, force: true }));
  for (const name of await readdir(entryDirectory)) {
    // code.zip: what the cache held before it kept folders
    if ((name.startsWith('bundle-') && name !== folder) || name === 'code.zip')
      await rm(join(entryDirectory, name), { recursive: true, force: true });
  }
  const list = join(entryDirectory, 'inputs.json');
  await writeFile(`${list}.tmp`, JSON.stringify(entry));
  await rename(`${list}.tmp`, list);
  return directory;
}

/** The folder a cache entry's bundle is in, named by what it was built from. */
function bundleFolderOf(entry: CacheEntry): string {
  const digest = createHash('sha256').update(JSON.stringify(entry)).digest('hex');
  return `bundle-${digest.slice(0, 16)}`;
}

/** Content hashes of files, each file read once per start (the modules share the SDK's files). */
export interface FileHashes {
  /** The file's SHA-256, or undefined when it cannot be read. */
  of(path: string): Promise<string | undefined>;
}

export function createFileHashes(): FileHashes {
  const known = new Map<string, Promise<string | undefined>>();
  return {
    of(path) {
      let hash = known.get(path);
      if (!hash) {
        hash = readFile(path).then(
          (bytes) => createHash('sha256').update(bytes).digest('hex'),
          () => undefined,
        );
        known.set(path, hash);
      }
      return hash;
    },
  };
}
