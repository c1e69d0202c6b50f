import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { InvalidParameterValueError } from './errors.ts';
import type { CodePackage } from './types.ts';

/**
 * The S3 bucket name that means "a directory on this machine": `Code: { S3Bucket: '__local__',
 * S3Key: '/abs/path/to/dir' }`. Development skips zipping this way; the handler is imported
 * from the directory in place, so edits show up in the next environment that starts.
 */
export const LOCAL_CODE_BUCKET = '__local__';

/** The code parts of CreateFunction's `Code` and of UpdateFunctionCode's body. */
export interface CodeInput {
  ZipFile?: string;
  S3Bucket?: string;
  S3Key?: string;
}

/**
 * Turns a request's code into a directory to import from: a base64 zip is unpacked into a
 * fresh temp dir under `tempRoot`; the local-directory form is used where it is.
 *
 * @example
 * const code = await loadCodePackage({ ZipFile: base64Zip }, tempRoot);
 */
export async function loadCodePackage(input: CodeInput, tempRoot: string): Promise<CodePackage> {
  if (input.ZipFile !== undefined) return unpackZip(Buffer.from(input.ZipFile, 'base64'), tempRoot);
  if (input.S3Bucket === LOCAL_CODE_BUCKET && input.S3Key) return useLocalDirectory(input.S3Key);
  throw new InvalidParameterValueError(
    `Code needs ZipFile (base64 zip) or S3Bucket '${LOCAL_CODE_BUCKET}' with S3Key set to an absolute directory path; the local Lambda does not read S3`,
  );
}

async function unpackZip(zip: Buffer, tempRoot: string): Promise<CodePackage> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (cause) {
    throw new InvalidParameterValueError(`Could not unzip the uploaded file: ${String(cause)}`);
  }
  const dir = await mkdtemp(join(tempRoot, 'code-'));
  for (const [name, bytes] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    const target = resolve(dir, name);
    // why: a zip entry like ../../x must not write outside the function's directory
    if (!target.startsWith(dir + sep)) {
      throw new InvalidParameterValueError(`Zip entry escapes the code directory: ${name}`);
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
  return { dir, sha256: sha256Base64(zip), size: zip.length, owned: true };
}

async function useLocalDirectory(dir: string): Promise<CodePackage> {
  if (!isAbsolute(dir)) {
    throw new InvalidParameterValueError(`S3Key must be an absolute directory path, got ${dir}`);
  }
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new InvalidParameterValueError(`S3Key ${dir} is not a directory on this machine`);
  }
  const { sha256, size } = await hashDirectory(dir);
  return { dir, sha256, size, owned: false };
}

/** A hash of a directory's files that depends only on their relative paths and contents. */
export async function hashDirectory(dir: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for (const file of await listFiles(dir)) {
    const bytes = await readFile(file);
    hash.update(relative(dir, file).split(sep).join('/')).update('\0').update(bytes).update('\0');
    size += bytes.length;
  }
  return { sha256: hash.digest('base64'), size };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

function sha256Base64(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}
