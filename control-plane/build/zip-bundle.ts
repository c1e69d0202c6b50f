import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

/** A fixed timestamp, so the same bundle always zips to the same bytes and CodeSha256. */
const EPOCH = new Date('1980-01-01T00:00:00Z');

/** Zips a bundle directory the way Lambda takes code: files at the archive's root. */
export async function zipBundle(directory: string): Promise<Uint8Array> {
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const file of await listFiles(directory)) {
    files[relative(directory, file)] = [await readFile(file), { mtime: EPOCH }];
  }
  return zipSync(files, { level: 6 });
}

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? listFiles(join(directory, e.name)) : [join(directory, e.name)],
    ),
  );
  return nested.flat().sort();
}
