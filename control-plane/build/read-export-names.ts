import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Imports each file (argv[1], a JSON list of paths) and prints the names of its namespace. */
const SCRIPT = `
const { pathToFileURL } = await import('node:url');
const names = {};
for (const file of JSON.parse(process.argv[1])) {
  try { names[file] = Object.keys(await import(pathToFileURL(file).href)); } catch { names[file] = null; }
}
process.stdout.write(JSON.stringify(names));
`;

/**
 * The names each file exports when Node imports it, by file; null for a file that fails
 * to load. For a CommonJS file these are what Node's own loader finds in it (the names
 * an `import { x }` of it may use, and `default`), which no bundler can know: they come
 * from a Node process of their own, so the packages never load into the caller's.
 *
 * @example
 * const names = await readExportNames(['/app/node_modules/@aws-sdk/client-sqs/dist-cjs/index.js']);
 */
export async function readExportNames(
  files: readonly string[],
  cwd: string,
): Promise<Record<string, string[] | null>> {
  // The vendor asks only for its CommonJS packages, most often none: no process for that.
  if (files.length === 0) return {};
  const { stdout } = await run(
    process.execPath,
    ['--no-warnings', '--input-type=module', '-e', SCRIPT, JSON.stringify(files)],
    { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
  );
  return JSON.parse(stdout) as Record<string, string[] | null>;
}
