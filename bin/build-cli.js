#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
// Builds the `turnout` command into plain JavaScript (dist/cli/), so a command starts
// without a TypeScript compiler. `npm install` runs it (the `prepare` script), and
// bin/turnout.js runs it again whenever a source changed since (bin/find-cli-build.js).
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
/** The build keeps no old files longer than this: a process started from one may still load its chunks. */
const KEEP_OLD_FILES_MS = 24 * 60 * 60_000;

/**
 * Bundles cli/index.ts with everything of the project it imports; npm packages stay
 * imports, loaded from node_modules. Each dynamic import stays a chunk of its own, so
 * `turnout --help` loads neither the AWS SDK nor the pipeline. Output names carry a hash
 * of their content, and `build.json` (the entry, and the size and time of every source
 * it was built from) is written last, each file by a rename: a command starting
 * meanwhile, or a second build at the same time, sees the old build or the new one,
 * never half of one.
 *
 * @returns the path of the entry file
 */
export async function buildCli(root = REPO) {
  const outdir = join(root, 'dist', 'cli');
  await mkdir(outdir, { recursive: true });
  const startedMs = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { turnout: join(root, 'cli', 'index.ts') },
    outdir,
    // Written below, each file by a rename.
    write: false,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    metafile: true,
    logLevel: 'error',
    // For the packages `requireCommonJsPackages` loads with require().
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    plugins: [requireCommonJsPackages(root), keepImportMetaOfSources(root)],
  });
  for (const file of result.outputFiles) await writeAtomically(file.path, file.contents);
  const outputs = result.outputFiles.map((file) => relative(outdir, file.path));
  const [entry] = Object.entries(result.metafile.outputs).find(
    ([, output]) => output.entryPoint === 'cli/index.ts',
  );
  // Files only: a package loaded with require() is an input `required:<name>`.
  const files = Object.keys(result.metafile.inputs).filter(
    (input) => !input.startsWith('required:'),
  );
  const sources = [...files, relative(root, fileURLToPath(import.meta.url))];
  const record = {
    entry: relative(outdir, join(root, entry)),
    builtAt: new Date(startedMs).toISOString(),
    sources: await fingerprints(root, sources, startedMs),
  };
  await writeAtomically(join(outdir, 'build.json'), `${JSON.stringify(record)}\n`);
  await removeOldFiles(outdir, new Set(outputs));
  return join(outdir, record.entry);
}

/** Written under a name of its own, then renamed: a reader sees the whole file or none. */
async function writeAtomically(file, contents) {
  const scratch = join(
    dirname(file),
    `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  await writeFile(scratch, contents);
  await rename(scratch, file);
}

/**
 * Size and modification time of each source. A source changed while the build read it
 * gets no fingerprint, so the next command builds again.
 */
async function fingerprints(root, sources, startedMs) {
  const entries = await Promise.all(
    sources.map(async (source) => {
      const { mtimeMs, size } = await stat(join(root, source));
      return [source, mtimeMs >= startedMs ? null : [mtimeMs, size]];
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * npm packages stay outside the bundle, loaded from node_modules. A CommonJS package
 * (the AWS SDK, graphql) is loaded with require() rather than import: the same file and
 * the same instance either way, but import first scans the file for its export names,
 * which costs `turnout status` a third of its start. A package that `import` and
 * `require` resolve to different files (a dual package) keeps its `import`, so the
 * CLI and the TypeScript it loads (manifests, seeds) share one copy.
 */
function requireCommonJsPackages(root) {
  const fromRoot = createRequire(join(root, 'package.json'));
  const rootUrl = pathToFileURL(join(root, 'package.json')).href;
  const loadsAsCommonJs = (specifier) => {
    try {
      const required = fromRoot.resolve(specifier);
      return (
        import.meta.resolve(specifier, rootUrl) === pathToFileURL(required).href &&
        isCommonJsFile(required)
      );
    } catch {
      return false;
    }
  };
  return {
    name: 'require-commonjs-packages',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, ({ path, namespace }) => {
        if (isBuiltin(path) || namespace === 'required' || !loadsAsCommonJs(path))
          return { path, external: true };
        return { path, namespace: 'required' };
      });
      pluginBuild.onLoad({ filter: /.*/, namespace: 'required' }, ({ path }) => ({
        contents: `module.exports = require(${JSON.stringify(path)});`,
        loader: 'js',
      }));
    },
  };
}

function isCommonJsFile(file) {
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type !== 'module';
    } catch {}
  }
  return true;
}

/**
 * `import.meta.url` and `import.meta.dirname` name the file they are written in: the
 * local cloud finds its worker script and its data files through them. Bundled, they
 * would name the chunk in dist/cli/ instead, so each becomes its source file's place,
 * relative to dist/cli/ (every output lands there, so the relation holds wherever the
 * checkout is moved).
 */
function keepImportMetaOfSources(root) {
  return {
    name: 'keep-import-meta-of-sources',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.[cm]?[jt]s$/, namespace: 'file' }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const loader = path.endsWith('ts') ? 'ts' : 'js';
        // A define, not a text replacement: strings that mention import.meta stay as they are.
        const { code } = await transform(source, {
          loader,
          sourcefile: path,
          format: 'esm',
          sourcemap: 'inline',
          define: {
            'import.meta.url': '__sourceUrl',
            'import.meta.dirname': '__sourceDirname',
            'import.meta.filename': '__sourceFilename',
          },
        });
        const fromOutput = relative(join(root, 'dist', 'cli'), path)
          .split('\\')
          .join('/');
        // One line, ahead of the first: the source map keeps every line where it was.
        const header = [
          "import { fileURLToPath as __sourceUrlToPath } from 'node:url';",
          "import { dirname as __sourceDirnameOf } from 'node:path';",
          `const __sourceUrl = new URL(${JSON.stringify(fromOutput)}, import.meta.url).href;`,
          'const __sourceFilename = __sourceUrlToPath(__sourceUrl);',
          'const __sourceDirname = __sourceDirnameOf(__sourceFilename);',
        ].join(' ');
        return { contents: `${header} ${code}`, loader: 'js' };
      });
    },
  };
}

/** Files of earlier builds, once no command can still be loading them. */
async function removeOldFiles(outdir, keep) {
  const now = Date.now();
  for (const name of await readdir(outdir)) {
    // A name with a dot in front is a file another build is writing.
    if (keep.has(name) || name === 'build.json' || name.startsWith('.')) continue;
    const file = join(outdir, name);
    const { mtimeMs } = await stat(file).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs > KEEP_OLD_FILES_MS) await rm(file, { force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const entry = await buildCli();
  console.log(
    `Built the turnout CLI in ${Math.round(performance.now() - started)} ms: ${relative(process.cwd(), entry)}`,
  );
}
