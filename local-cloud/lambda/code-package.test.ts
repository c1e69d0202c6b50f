import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashDirectory, LOCAL_CODE_BUCKET, loadCodePackage } from './code-package.ts';
import { InvalidParameterValueError } from './errors.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'code-test-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('loadCodePackage', () => {
  it('unpacks a base64 zip into its own directory and hashes the zip', async () => {
    const zip = zipSync({
      'index.mjs': strToU8('export const handler = 1;'),
      'lib/util.js': strToU8('x'),
    });
    const code = await loadCodePackage({ ZipFile: Buffer.from(zip).toString('base64') }, root);
    expect(await readFile(join(code.dir, 'lib/util.js'), 'utf8')).toBe('x');
    expect(code).toMatchObject({ size: zip.length, owned: true });
  });

  it('uses a local directory in place and hashes its files deterministically', async () => {
    await writeFile(join(root, 'a.js'), 'a');
    const code = await loadCodePackage({ S3Bucket: LOCAL_CODE_BUCKET, S3Key: root }, root);
    expect(code).toMatchObject({ dir: root, owned: false, size: 1 });
    expect((await hashDirectory(root)).sha256).toBe(code.sha256);
    await writeFile(join(root, 'a.js'), 'b');
    expect((await hashDirectory(root)).sha256).not.toBe(code.sha256);
  });

  it('explains how to pass code when neither form is given', async () => {
    await expect(
      loadCodePackage({ S3Bucket: 'real-bucket', S3Key: 'k.zip' }, root),
    ).rejects.toThrow(InvalidParameterValueError);
  });

  it('refuses a zip entry that escapes the code directory', async () => {
    const zip = zipSync({ '../evil.js': strToU8('x') });
    await expect(
      loadCodePackage({ ZipFile: Buffer.from(zip).toString('base64') }, root),
    ).rejects.toThrow(/escapes/);
  });
});
