import { existsSync, type FSWatcher, watch } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
import { compareTiers } from '../../modules/kit/index.ts';
import { addModule, type ModuleAddOutcome } from './add-module.ts';
import { applyModuleEdit, type ModuleEditTarget } from './apply-module-edit.ts';
import { describeModuleAdd, describeModuleEdit } from './describe-module-edit.ts';
import { prebundleForEdits } from './prebundle-for-edits.ts';
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
 * printing what changed or why it was refused. Edits are served one at a time, in the
 * order saved; saves during one are served together after it. Local only.
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
      if (closed) return;
      const since = savedAt.get(name) ?? performance.now();
      savedAt.delete(name);
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

  const watchModule = (target: ModuleEditTarget) =>
    watch(target.module.directory, { recursive: true }, (_event, file) => {
      if (closed || (file && ignored(file))) return;
      saved(target);
    });
  const watchers: FSWatcher[] = options.targets.map(watchModule);
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

  const newModules = options.newModules;
  if (newModules) {
    const modulesDirectory = resolve(newModules.directory);
    const known = new Set(options.targets.map((target) => resolve(target.module.directory)));
    /** Brings up the module in `folder`, once it has a manifest; then watches it as the others. */
    const bringUp = (folder: string) => {
      queue = queue.then(async () => {
        // why: a folder of shared code (the kit), or a module whose manifest is not written yet
        if (closed || known.has(folder) || !existsSync(join(folder, 'module.ts'))) return;
        const since = savedAt.get(folder) ?? performance.now();
        savedAt.delete(folder);
        const { outcome, target, sharedFiles } = await newModules.add(folder);
        if (closed) return;
        if (target) {
          known.add(folder);
          watchers.push(watchModule(target));
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
      for (const watcher of watchers) watcher.close();
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
  const running = dev.discovered.map((module) => module.manifest);
  const watcher = watchModules({
    targets: dev.discovered.map(targetOf),
    sharedFiles: dev.sharedFiles,
    log: options.log,
    debounceMs: options.debounceMs,
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
