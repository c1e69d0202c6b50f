import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a `turnout` entry as the operator does: a process of its own. */
function run(entry: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [entry, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const turnout = (...args: string[]) => run(join(repo, 'bin', 'turnout.js'), args);

describe('turnout', () => {
  let emptyRoot: string;

  beforeAll(async () => {
    // Built once here, so the cases below time the command, not a first build.
    await turnout('--help');
    emptyRoot = await mkdtemp(join(tmpdir(), 'turnout-cli-'));
  });

  afterAll(async () => {
    await rm(emptyRoot, { recursive: true, force: true });
  });

  it('prints the version package.json names with --version', async () => {
    const { version } = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'));

    const { code, stdout } = await turnout('--version');

    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  it('refuses a duration without a unit before anything runs, naming the option and the fix', async () => {
    const { code, stderr } = await turnout(
      'deploy',
      'images',
      '--root',
      emptyRoot,
      '--final-bake',
      '10',
    );

    expect(code).not.toBe(0);
    expect(stderr).toContain("option '--final-bake <duration>' argument '10' is invalid");
    expect(stderr).toContain('give one, e.g. 10s or 10m');
    // Refused while parsing: it never looked for an environment or a module.
    expect(stderr).not.toContain('Nothing to act on');
    expect(stderr).not.toContain('no module');
  });

  it('takes a duration with its unit', async () => {
    const { stderr } = await turnout('deploy', 'images', '--root', emptyRoot, '--poll', '2s');

    expect(stderr).not.toContain('is invalid');
  });
});

describe('the built command', () => {
  let root: string;
  const entry = () => join(root, 'bin', 'turnout.js');
  const writeSource = (said: string) =>
    writeFile(
      join(root, 'cli', 'index.ts'),
      `export function main(): void {\n  const said: string = '${said}';\n  console.log(said);\n}\n`,
    );

  beforeAll(async () => {
    // A project of its own with the real bin/ and a one-line CLI: building it takes
    // a fraction of a second, and the repository's build is left alone.
    root = await mkdtemp(join(tmpdir(), 'turnout-build-'));
    await mkdir(join(root, 'cli'));
    await mkdir(join(root, 'bin'));
    for (const file of ['turnout.js', 'build-cli.js', 'find-cli-build.js'])
      await cp(join(repo, 'bin', file), join(root, 'bin', file));
    await symlink(join(repo, 'node_modules'), join(root, 'node_modules'));
    await writeFile(join(root, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    await writeSource('first');
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is built on first use when there is no build yet', async () => {
    const { stdout, stderr } = await run(entry(), []);

    expect(stdout.trim()).toBe('first');
    expect(stderr).toContain('building the command');
  });

  it('starts from the build, without building again, while no source changed', async () => {
    const { stdout, stderr } = await run(entry(), []);

    expect(stdout.trim()).toBe('first');
    expect(stderr).toBe('');
  });

  it('is built again when a source is newer than the build, so an edit never runs stale', async () => {
    await writeSource('second');
    const later = new Date(Date.now() + 5_000);
    await utimes(join(root, 'cli', 'index.ts'), later, later);

    const { stdout, stderr } = await run(entry(), []);

    expect(stdout.trim()).toBe('second');
    expect(stderr).toContain('building the command');
  });

  it('says what to fix when a source does not build', async () => {
    await writeFile(join(root, 'cli', 'index.ts'), 'export function main( {\n');

    const { code, stderr } = await run(entry(), []);

    expect(code).toBe(1);
    expect(stderr).toContain('could not build the command');
    expect(stderr).toContain('cli/index.ts');
  });
});
