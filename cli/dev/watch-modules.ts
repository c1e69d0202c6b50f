import { existsSync, type FSWatcher, watch } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
import { compareTiers } from '../../modules/kit/index.ts';
import { addModule, type ModuleAddOutcome } from './add-module.ts';
import { applyModuleEdit, type ModuleEditTarget } from './apply-module-edit.ts';
import {
  describeModuleAdd,
  describeModuleEdit,
  describeModuleRemove,
} from './describe-module-edit.ts';
import { prebundleForEdits } from './prebundle-for-edits.ts';
import { type ModuleRemoveOutcome, removeModule } from './remove-module.ts';
import { smokeCheckServed } from './smoke-check-served.ts';
import type { DevEnvironment } from './start-dev.ts';

export interface WatchModulesOptions {
  /** Each module to watch, with what serving its edits needs. */
  targets: ModuleEditTarget[];
  /**
   * By module name, the files outside its folder whose code its bundle carries (the kit,
   * contracts, lib): a save of one serves every module carrying it, less critical first,
   * as a deployment staggers them. A file a module imports but does not use (esbuild
   * shook it out) is not among its files. @default none
   */
  sharedFiles?: ReadonlyMap<string, readonly string[]>;
  log: (line: string) => void;
  /**
   * How long after a module's last file event its edit is served: an editor's save is
   * often several events (a temporary file, a rename, a write). @default 50
   */
  debounceMs?: number;
  /**
   * Takes down a module whose `module.ts` is gone (its folder removed or renamed): from
   * then on its folder is not watched, and a folder of its name is a new module. Without
   * it, such a save is refused as an edit is.
   */
  remove?(target: ModuleEditTarget): Promise<ModuleRemoveOutcome>;
  /**
   * The modules folder, watched for modules that were not there at start: a save in a
   * new folder holding a `module.ts` brings that module up (`add`), and its edits are
   * served from then on. A refused one is tried again at its folder's next save.
   */
  newModules?: {
    directory: string;
    add(directory: string): Promise<{
      outcome: ModuleAddOutcome;
      /** The module added, to watch as the others. */
      target?: ModuleEditTarget;
      /** The shared files its bundle carries, as `sharedFiles` gives them per module. */
      sharedFiles?: readonly string[];
    }>;
  };
}

export interface ModuleWatcher {
  /** Stops watching and waits for the edit being served, if any. */
  close(): Promise<void>;
}

/**
 * The module team's loop in `turnout dev`: watches each module's folder
 * (`modules/<name>/`, recursively) and the shared files its bundle carries (the
 * kit's, for one), and serves each save through `applyModuleEdit`,
 * printing what changed or why it was refused. A module whose `module.ts` is gone is
 * taken down (`remove`). Edits are served one at a time, in the order saved; saves
 * during one are served together after it. Local only.
 *
 * @example
 * const watcher = watchModules({ targets, log: console.log });
 * await watcher.close();
 */
export function watchModules(options: WatchModulesOptions): ModuleWatcher {
  const debounceMs = options.debounceMs ?? 50;
  const fingerprints = new Map<string, string>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** When the first save not yet served happened, per module. */
  const savedAt = new Map<string, number>();
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const serve = (target: ModuleEditTarget) => {
    const name = target.module.manifest.name;
    queue = queue.then(async () => {
      // why: a save that came in while its module was being removed has nothing to serve
      if (closed || !moduleWatchers.has(resolve(target.module.directory))) return;
      const since = savedAt.get(name) ?? performance.now();
      savedAt.delete(name);
      if (options.remove && !existsSync(join(target.module.directory, 'module.ts'))) {
        const outcome = await options.remove(target);
        if (closed) return;
        forget(target, outcome.outcome === 'removed' ? 'removed' : 'stranded');
        options.log(await describeModuleRemove(outcome, performance.now() - since));
        return;
      }
      const outcome = await applyModuleEdit(target, fingerprints.get(name));
      if (closed) return;
      if (outcome.outcome !== 'refused') fingerprints.set(name, outcome.fingerprint);
      options.log(await describeModuleEdit(outcome, performance.now() - since));
      if (outcome.outcome === 'served') {
        const lambda = target.cloud.clients.lambda;
        const failed = await smokeCheckServed(lambda, name, outcome.units, outcome.smokeChecks);
        for (const line of failed) options.log(line);
      }
    });
  };

  /** A file event for a module: its edit is served once its files are quiet for debounceMs. */
  const saved = (target: ModuleEditTarget) => {
    const name = target.module.manifest.name;
    if (!savedAt.has(name)) savedAt.set(name, performance.now());
    clearTimeout(timers.get(name));
    timers.set(
      name,
      setTimeout(() => serve(target), debounceMs),
    );
  };

  /** By module folder, its watcher. */
  const moduleWatchers = new Map<string, FSWatcher>();
  /** The module folders watched (and, with `newModules`, not brought up as new). */
  const known = new Set<string>();
  /** Modules whose folder went but which could not be taken down: they still serve. */
  const stranded = new Map<string, ModuleEditTarget>();
  const watchModule = (target: ModuleEditTarget) => {
    const folder = resolve(target.module.directory);
    known.add(folder);
    moduleWatchers.set(
      folder,
      watch(folder, { recursive: true }, (_event, file) => {
        if (closed || (file && ignored(file))) return;
        saved(target);
      }),
    );
  };
  const watchers: FSWatcher[] = [];
  for (const target of options.targets) watchModule(target);
  /** By shared file, the modules carrying it, less critical first. */
  const builtFrom = new Map<string, ModuleEditTarget[]>();
  const sharedFolders = new Set<string>();
  /** Serves a save of each of `files` to `target` too, and watches the files' folders. */
  const carry = (target: ModuleEditTarget, files: readonly string[]) => {
    for (const file of files) {
      builtFrom.set(file, [...(builtFrom.get(file) ?? []), target].sort(byTier));
      const folder = dirname(file);
      if (sharedFolders.has(folder)) continue;
      sharedFolders.add(folder);
      // One watcher per folder, not recursive: only the files a bundle carries count.
      watchers.push(
        watch(folder, (_event, name) => {
          if (closed || !name) return;
          for (const dependent of builtFrom.get(join(folder, name)) ?? []) saved(dependent);
        }),
      );
    }
  };
  for (const target of options.targets) {
    carry(target, options.sharedFiles?.get(target.module.manifest.name) ?? []);
  }
  /**
   * Stops watching a module whose folder went. A module removed is forgotten; one that
   * still serves is remembered, so its folder coming back is served as its edit.
   */
  const forget = (target: ModuleEditTarget, as: 'removed' | 'stranded') => {
    const folder = resolve(target.module.directory);
    moduleWatchers.get(folder)?.close();
    moduleWatchers.delete(folder);
    known.delete(folder);
    if (as === 'stranded') {
      stranded.set(folder, target);
      return;
    }
    fingerprints.delete(target.module.manifest.name);
    for (const [file, dependents] of builtFrom) {
      builtFrom.set(
        file,
        dependents.filter((dependent) => dependent !== target),
      );
    }
  };

  const newModules = options.newModules;
  if (newModules) {
    const modulesDirectory = resolve(newModules.directory);
    /** Brings up the module in `folder`, once it has a manifest; then watches it as the others. */
    const bringUp = (folder: string) => {
      queue = queue.then(async () => {
        // why: a folder of shared code (the kit), or a module whose manifest is not written yet
        if (closed || known.has(folder) || !existsSync(join(folder, 'module.ts'))) return;
        const back = stranded.get(folder);
        if (back) {
          stranded.delete(folder);
          watchModule(back);
          saved(back);
          return;
        }
        const since = savedAt.get(folder) ?? performance.now();
        savedAt.delete(folder);
        const { outcome, target, sharedFiles } = await newModules.add(folder);
        if (closed) return;
        if (target) {
          watchModule(target);
          carry(target, sharedFiles ?? []);
        }
        options.log(await describeModuleAdd(outcome, performance.now() - since));
        if (outcome.outcome === 'added' && target) {
          const { manifest } = outcome.module;
          const checks = manifest.smokeChecks ?? [];
          const lambda = target.cloud.clients.lambda;
          for (const line of await smokeCheckServed(lambda, manifest.name, outcome.units, checks))
            options.log(line);
        }
      });
    };
    watchers.push(
      watch(modulesDirectory, { recursive: true }, (_event, file) => {
        const name = file?.split(sep)[0];
        if (closed || !file || !name || ignored(file) || name.startsWith('.')) return;
        const folder = join(modulesDirectory, name);
        if (known.has(folder)) return;
        if (!savedAt.has(folder)) savedAt.set(folder, performance.now());
        clearTimeout(timers.get(folder));
        timers.set(
          folder,
          setTimeout(() => bringUp(folder), debounceMs),
        );
      }),
    );
  }

  return {
    async close() {
      closed = true;
      for (const watcher of [...watchers, ...moduleWatchers.values()]) watcher.close();
      for (const timer of timers.values()) clearTimeout(timer);
      await queue;
    },
  };
}

const byTier = (a: ModuleEditTarget, b: ModuleEditTarget) =>
  compareTiers(a.module.manifest.tier, b.module.manifest.tier);

/** Files no bundle or manifest reads: tests, editors' swap and backup files. */
function ignored(file: string): boolean {
  const name = basename(file);
  return (
    name.startsWith('.') ||
    name.endsWith('~') ||
    name.endsWith('.swp') ||
    /\.test\.[cm]?[jt]sx?$/.test(name) ||
    /^\d+$/.test(name) // vim's write test file, `4913`
  );
}

/**
 * Watches every module `startDev` brought up, serving its edits on that environment,
 * with the modules' packages pre-bundled for the edits in the background
 * (`prebundleForEdits`).
 *
 * @example
 * const watcher = watchDevModules(dev, { root: process.cwd(), log: console.log });
 */
export function watchDevModules(
  dev: Pick<
    DevEnvironment,
    'discovered' | 'sharedFiles' | 'cloud' | 'gateway' | 'endpoints' | 'buildDirectory'
  >,
  options: {
    root: string;
    log: (line: string) => void;
    debounceMs?: number;
    /** False: edits load every package from node_modules (`--no-prebundle`). @default true */
    prebundle?: boolean;
  },
): ModuleWatcher {
  const vendor =
    options.prebundle === false ? undefined : prebundleForEdits(dev.discovered, options);
  const targetOf = (module: DiscoveredModule): ModuleEditTarget => ({
    module,
    cloud: dev.cloud,
    registryTable: dev.endpoints.registryTable,
    turnoutDirectory: join(options.root, '.turnout'),
    refreshGateway: () => dev.gateway.gateway.refresh(),
    vendor: vendor?.current,
  });
  let running = dev.discovered.map((module) => module.manifest);
  const watcher = watchModules({
    targets: dev.discovered.map(targetOf),
    sharedFiles: dev.sharedFiles,
    log: options.log,
    debounceMs: options.debounceMs,
    async remove({ module }) {
      const name = module.manifest.name;
      // Its name and cells are as at start: an edit may change neither.
      const outcome = await removeModule(module.manifest, {
        cloud: dev.cloud,
        registryTable: dev.endpoints.registryTable,
        refreshGateway: () => dev.gateway.gateway.refresh(),
      });
      if (outcome.outcome === 'removed') running = running.filter((m) => m.name !== name);
      return outcome;
    },
    newModules: {
      directory: join(options.root, 'modules'),
      async add(directory) {
        const outcome = await addModule(directory, {
          cloud: dev.cloud,
          registryTable: dev.endpoints.registryTable,
          root: options.root,
          buildDirectory: dev.buildDirectory,
          running: () => running,
          refreshGateway: () => dev.gateway.gateway.refresh(),
          log: options.log,
        });
        if (outcome.outcome === 'refused') return { outcome };
        running.push(outcome.module.manifest);
        return { outcome, target: targetOf(outcome.module), sharedFiles: outcome.sharedFiles };
      },
    },
  });
  return {
    async close() {
      await watcher.close();
      await vendor?.settled;
    },
  };
}
