// Finds the built `turnout` command, if it is still what its sources say: every command
// starts here, so this costs one file read and one stat per source (a few milliseconds).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The entry file of dist/cli/ when it was built from exactly the sources on disk now
 * (each one's size and modification time as the build recorded them); undefined when
 * there is no build or any source was edited, added to the build, or removed since.
 */
export function findCliBuild(root) {
  const directory = join(root, 'dist', 'cli');
  const build = readBuildRecord(join(directory, 'build.json'));
  if (!build?.entry || !build.sources) return undefined;
  for (const [source, fingerprint] of Object.entries(build.sources)) {
    const now = statSync(join(root, source), { throwIfNoEntry: false });
    if (!fingerprint || !now || now.mtimeMs !== fingerprint[0] || now.size !== fingerprint[1])
      return undefined;
  }
  const entry = join(directory, build.entry);
  return statSync(entry, { throwIfNoEntry: false }) ? entry : undefined;
}

function readBuildRecord(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
