import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGitCommit } from './read-build-provenance.ts';
import { readGitCommits } from './read-git-commits.ts';

describe('readGitCommits', () => {
  let scratch: string;
  let repo: string;
  let head: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'turnout-git-commits-'));
    repo = join(scratch, 'repo');
    for (const folder of ['modules/titles', 'modules/ratings', 'modules/names', 'modules/title'])
      await mkdir(join(repo, folder), { recursive: true });
    git('init', '-q');
    for (const folder of ['titles', 'ratings', 'names', 'title'])
      await writeFile(join(repo, 'modules', folder, 'handler.ts'), `// ${folder}\n`);
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'first');
    head = git('rev-parse', 'HEAD');
    // titles: an edited file; ratings: a renamed one; names: as committed; title: a new
    // file in a folder whose name begins another's.
    await writeFile(join(repo, 'modules', 'titles', 'handler.ts'), '// edited\n');
    git('mv', 'modules/ratings/handler.ts', 'modules/ratings/renamed.ts');
    await writeFile(join(repo, 'modules', 'title', 'new.ts'), '// new\n');
    await mkdir(join(scratch, 'outside'));
    // A project root whose modules/ is a link into the repository, as the dev test's is.
    await mkdir(join(scratch, 'linked'));
    await symlink(join(repo, 'modules'), join(scratch, 'linked', 'modules'));
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('gives each folder what readGitCommit gives, from one repository read', async () => {
    const folders = [
      join(repo, 'modules', 'titles'),
      join(repo, 'modules', 'ratings'),
      join(repo, 'modules', 'names'),
      join(repo, 'modules', 'title'),
      join(scratch, 'linked', 'modules', 'names'),
      join(scratch, 'linked', 'modules', 'titles'),
      join(scratch, 'outside'),
    ];
    const commits = await readGitCommits(folders);
    expect(Object.fromEntries(commits)).toEqual({
      [folders[0] as string]: `${head}-dirty`,
      [folders[1] as string]: `${head}-dirty`,
      [folders[2] as string]: head,
      [folders[3] as string]: `${head}-dirty`,
      [folders[4] as string]: head,
      [folders[5] as string]: `${head}-dirty`,
      [folders[6] as string]: undefined,
    });
    for (const folder of folders) expect(commits.get(folder)).toBe(await readGitCommit(folder));
  });

  it('answers undefined for every folder outside git, and nothing for no folder', async () => {
    const outside = join(scratch, 'outside');
    expect(await readGitCommits([outside, join(scratch, 'missing')])).toEqual(
      new Map([
        [outside, undefined],
        [join(scratch, 'missing'), undefined],
      ]),
    );
    expect(await readGitCommits([])).toEqual(new Map());
  });
});
