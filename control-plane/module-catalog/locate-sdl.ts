import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a module's SDL text starts in its source: the file, and the 1-based line and column. */
export interface SdlSource {
  file: string;
  line: number;
  column: number;
}

/**
 * Finds the file of the module's folder that holds its SDL as written (a template literal
 * in `module.ts`, usually, or a `.graphql` file beside it), so an SDL error can point at
 * the line a module team edits, not a line counted inside the SDL string. The text is
 * found as is, so an SDL built with `${}` or escapes is not found: then undefined.
 *
 * @example
 * await locateSdl('modules/ratings', manifest.graphql.sdl); // { file: '…/module.ts', line: 4, column: 37 }
 */
export async function locateSdl(directory: string, sdl: string): Promise<SdlSource | undefined> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const candidates = names
    .filter((name) => /\.(ts|graphql|gql)$/.test(name) && !name.endsWith('.test.ts'))
    // module.ts first: that is where a manifest's SDL usually is.
    .sort((a, b) => Number(b === 'module.ts') - Number(a === 'module.ts'));
  for (const name of candidates) {
    const file = join(directory, name);
    const text = await readFile(file, 'utf8').catch(() => '');
    const at = text.indexOf(sdl);
    if (at < 0) continue;
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return { file, line, column: at - before.lastIndexOf('\n') };
  }
  return undefined;
}
