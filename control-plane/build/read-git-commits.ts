import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { readGitCommit } from './read-build-provenance.ts';

const run = promisify(execFile);

/**
 * `readGitCommit` for many folders with two git commands in all, not two per folder:
 * `turnout dev` reads every module's commit at each start (twenty git processes, each a
 * fork of a large Node process, on the start's critical CPU). Each folder's answer is
 * what `readGitCommit` gives: the repository's HEAD, `-dirty` when something under the
 * folder changed, undefined outside git. A folder in another repository than the first
 * is read on its own. Never rejects.
 *
 * @example
 * const commits = await readGitCommits(['modules/titles', 'modules/ratings']);
 * commits.get('modules/titles'); // '3a2d897...' or '3a2d897...-dirty'
 */
export async function readGitCommits(
  directories: readonly string[],
): Promise<Map<string, string | undefined>> {
  const real = await Promise.all(
    directories.map((directory) => realpath(directory).catch(() => resolve(directory))),
  );
  const repository = real[0] === undefined ? undefined : await readRepository(real);
  const commits = await Promise.all(
    directories.map(async (directory, i) => {
      const folder = relative(repository?.top ?? '', real[i] ?? '');
      if (!repository || folder.startsWith('..') || isAbsolute(folder)) {
        return readGitCommit(directory);
      }
      const dirty = repository.changed.some(
        (path) => folder === '' || path === folder || path.startsWith(`${folder}/`),
      );
      return `${repository.head}${dirty ? '-dirty' : ''}`;
    }),
  );
  return new Map(directories.map((directory, i) => [directory, commits[i]]));
}

/** The first folder's repository: its top folder, HEAD and every changed path in it. */
async function readRepository(
  folders: string[],
): Promise<{ top: string; head: string; changed: string[] } | undefined> {
  try {
    const { stdout } = await run('git', [
      '-C',
      folders[0] ?? '.',
      'rev-parse',
      '--show-toplevel',
      'HEAD',
    ]);
    const [top = '', head = ''] = stdout.trim().split('\n');
    const inside = folders
      .map((folder) => relative(top, folder))
      .filter((folder) => !folder.startsWith('..') && !isAbsolute(folder));
    const { stdout: status } = await run('git', [
      '-C',
      top,
      'status',
      '--porcelain',
      '-z',
      '--',
      ...inside.map((folder) => folder || '.'),
    ]);
    return { top, head, changed: changedPaths(status) };
  } catch {
    return undefined;
  }
}

/**
 * The paths of `git status --porcelain -z` (relative to the repository's top): `XY path`
 * each, and a rename's or copy's origin as the entry after it, which counts as changed too.
 */
function changedPaths(status: string): string[] {
  const entries = status.split('\0').filter(Boolean);
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? '';
    paths.push(entry.slice(3));
    if (/^[RC]/.test(entry)) paths.push(entries[++i] ?? '');
  }
  return paths;
}
