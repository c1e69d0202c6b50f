import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import type { BuildProvenance } from '../../contracts/deployment-record.ts';

const run = promisify(execFile);

/**
 * What a module's build was made of (contracts/deployment-record.ts, `BuildProvenance`):
 * the zip's SHA-256, the npm packages among the bundle's inputs (esbuild's metafile) at
 * the versions installed (their package.json, which the lock file put there), and the
 * git commit of the module's folder, if it is in a repository.
 *
 * @example
 * const provenance = await readBuildProvenance({ directory: 'modules/ratings', inputs: bundle.inputs, zip });
 */
export async function readBuildProvenance({
  directory,
  inputs,
  zip,
  cwd = process.cwd(),
  commit: reading,
}: {
  directory: string;
  inputs: readonly string[];
  zip: Uint8Array;
  /** What the inputs are relative to: esbuild's working directory. */
  cwd?: string;
  /** The folder's commit, when `readGitCommit(directory)` was started already (during the build). */
  commit?: Promise<string | undefined>;
}): Promise<BuildProvenance> {
  const [dependencies, commit] = await Promise.all([
    readPackageVersions(inputs.map((input) => resolve(cwd, input))),
    reading ?? readGitCommit(directory),
  ]);
  return {
    bundleSha256: createHash('sha256').update(zip).digest('hex'),
    dependencies,
    ...(commit ? { commit } : {}),
  };
}

/**
 * `name@version` of each package folder the files lie in (the innermost node_modules),
 * sorted; files outside node_modules name none.
 *
 * @example
 * await readPackageVersions(['/app/node_modules/zod/index.js']); // ['zod@3.25.76']
 */
export async function readPackageVersions(files: readonly string[]): Promise<string[]> {
  const folders = new Set<string>();
  const marker = `${sep}node_modules${sep}`;
  for (const file of files) {
    const at = file.lastIndexOf(marker);
    if (at === -1) continue;
    const [first, second] = file.slice(at + marker.length).split(sep);
    const name = first?.startsWith('@') ? `${first}${sep}${second}` : first;
    if (name) folders.add(file.slice(0, at + marker.length) + name);
  }
  const named = await Promise.all(
    [...folders].map(async (folder) => {
      const pkg = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      return `${pkg.name}@${pkg.version}`;
    }),
  );
  return [...new Set(named)].sort();
}

/**
 * The commit of a module's folder, `-dirty` if the folder has uncommitted changes;
 * undefined outside git. Apart from the rest, for a bundle whose hash and dependencies
 * were read when it was built and cached (`turnout dev`), while the commit moves on.
 */
export async function readGitCommit(directory: string): Promise<string | undefined> {
  try {
    const { stdout: head } = await run('git', ['-C', directory, 'rev-parse', 'HEAD']);
    const { stdout: changes } = await run('git', [
      '-C',
      directory,
      'status',
      '--porcelain',
      '--',
      '.',
    ]);
    return `${head.trim()}${changes.trim() ? '-dirty' : ''}`;
  } catch {
    return undefined;
  }
}
