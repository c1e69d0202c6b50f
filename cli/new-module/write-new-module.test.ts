import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphletHandler, ModuleManifest } from '../../modules/kit/index.ts';
import { findSmokeMismatch } from '../../modules/kit/index.ts';
import { writeNewModule } from './write-new-module.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'turnout-new-'));
  await mkdir(join(root, 'modules'));
  // The new module imports the kit as every module does: ../kit.
  await symlink(
    join(import.meta.dirname, '..', '..', 'modules', 'kit'),
    join(root, 'modules', 'kit'),
  );
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Imports a file the new module holds, as turnout dev and the tests would. */
async function load<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(file).href)) as T;
}

describe('writeNewModule', () => {
  it('writes a REST module whose manifest is valid and whose app answers its smoke check', async () => {
    const written = await writeNewModule({ root, name: 'lost-found', tier: 'medium' });
    expect(written.directory).toBe(join(root, 'modules', 'lost-found'));
    expect(written.files.sort()).toEqual([
      'create-lost-found-app.test.ts',
      'create-lost-found-app.ts',
      'handler.ts',
      'module.ts',
    ]);
    const { default: manifest } = await load<{ default: ModuleManifest }>(
      join(written.directory, 'module.ts'),
    );
    expect(manifest).toMatchObject({
      name: 'lost-found',
      owner: 'team-lost-found',
      tier: 'medium',
      rest: { prefixes: ['/lost-found'] },
    });
    const { createLostFoundApp } = await load<{
      createLostFoundApp: () => { request(path: string): Promise<Response> };
    }>(join(written.directory, 'create-lost-found-app.ts'));
    const [check] = manifest.smokeChecks ?? [];
    expect(check?.expect).toBeDefined();
    const response = await createLostFoundApp().request(
      check && 'rest' in check ? check.rest.path : '/',
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(findSmokeMismatch(check?.expect ?? {}, body, 'body')).toBeUndefined();
    expect(written.tryIt).toBe('curl -s localhost:4000/lost-found/status');
  });

  it('writes a GraphQL module whose graphlet answers its smoke check', async () => {
    const written = await writeNewModule({ root, name: 'reviews', graphql: true, owner: 'team-r' });
    const { default: manifest } = await load<{ default: ModuleManifest }>(
      join(written.directory, 'module.ts'),
    );
    expect(manifest).toMatchObject({ name: 'reviews', owner: 'team-r', tier: 'low' });
    expect(manifest.graphql?.sdl).toContain('reviewsGreeting(name: String! = "world"): String!');
    const { createReviewsGraphlet } = await load<{ createReviewsGraphlet: () => GraphletHandler }>(
      join(written.directory, 'create-reviews-graphlet.ts'),
    );
    const [check] = manifest.smokeChecks ?? [];
    expect(check?.expect).toBeDefined();
    const answer = await createReviewsGraphlet()({
      query: check && 'graphql' in check ? check.graphql.query : '',
    });
    expect(answer.errors).toBeUndefined();
    expect(findSmokeMismatch(check?.expect ?? {}, answer.data, 'data')).toBeUndefined();
  });

  it('refuses a name a module cannot have, saying what a name is', async () => {
    for (const name of ['Reviews', '9lives', 'r', 'has space']) {
      await expect(writeNewModule({ root, name })).rejects.toThrow(
        /cannot name a module: use 2-39 lowercase letters, digits or dashes, starting with a letter/,
      );
    }
    expect(await readdir(join(root, 'modules'))).toEqual(['kit']);
  });

  it('writes nothing over a folder that is there, and leaves no scratch folder', async () => {
    await mkdir(join(root, 'modules', 'reviews'));
    await writeFile(join(root, 'modules', 'reviews', 'module.ts'), 'kept');
    await expect(writeNewModule({ root, name: 'reviews' })).rejects.toThrow(
      /modules\/reviews is there already: choose another name/,
    );
    expect(await readFile(join(root, 'modules', 'reviews', 'module.ts'), 'utf8')).toBe('kept');
    expect((await readdir(join(root, 'modules'))).sort()).toEqual(['kit', 'reviews']);
  });

  it('says to run from the project root when there is no modules folder', async () => {
    await expect(writeNewModule({ root: tmpdir(), name: 'reviews' })).rejects.toThrow(
      /There is no modules\/ folder in .*: run turnout from the project root/,
    );
  });
});
