import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ALLOWED_IMPORTS, isAllowedImport, partOf } from './support/parts.ts';

/**
 * The boundaries of docs/ARCHITECTURE.md, checked on every file git tracks: each
 * relative import must land in a part its own part may import. Tests (`*.test.ts`),
 * `test/` and `bench/` are exempt: they start whole systems on purpose.
 */
const repo = resolve(import.meta.dirname, '..');

interface Crossing {
  from: string;
  to: string;
  fromPart: string;
  toPart: string;
}

function trackedSources(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter((file) => /\.(ts|mts|js|mjs)$/.test(file) && !file.endsWith('.d.ts'));
}

function isExempt(file: string): boolean {
  return /\.test\.ts$/.test(file) || file.startsWith('test/') || file.startsWith('bench/');
}

function relativeImports(file: string): string[] {
  const source = readFileSync(resolve(repo, file), 'utf8');
  // preProcessFile sees static imports, re-exports and import() with a literal prefix.
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles.map((i) => i.fileName).filter((name) => name.startsWith('.'));
}

function findCrossings(files: readonly string[]): Crossing[] {
  const crossings: Crossing[] = [];
  for (const from of files) {
    if (isExempt(from)) continue;
    const fromPart = partOf(from);
    for (const specifier of relativeImports(from)) {
      const to = posix.normalize(posix.join(posix.dirname(from), specifier));
      if (!isAllowedImport(from, to)) crossings.push({ from, to, fromPart, toPart: partOf(to) });
    }
  }
  return crossings;
}

function explain(c: Crossing): string {
  const kind = c.fromPart.startsWith('module:') ? 'module' : c.fromPart;
  const allowed = [c.fromPart, ...(ALLOWED_IMPORTS[kind] ?? [])].join(', ');
  return `${c.from} imports ${c.to}: ${c.fromPart} may import only ${allowed}. Move what both need into contracts/ or lib/, or pass it in.`;
}

describe('import boundaries', () => {
  it('names a part for every folder a file lives in', () => {
    const unknown = trackedSources().filter((file) => partOf(file) === 'unknown');
    expect(unknown).toEqual([]);
  });

  it('keeps every import inside what its part may import', () => {
    const crossings = findCrossings(trackedSources());
    expect(crossings.map(explain)).toEqual([]);
  });

  it.each([
    ['gateway/x.ts', 'control-plane/registry/index.ts'],
    ['gateway/x.ts', 'local-cloud/index.ts'],
    ['control-plane/deploy/x.ts', 'local-cloud/lambda/index.ts'],
    ['modules/titles/x.ts', 'modules/names/index.ts'],
    ['modules/titles/x.ts', 'gateway/index.ts'],
    ['stacks/x.ts', 'local-cloud/index.ts'],
    ['lib/x.ts', 'contracts/registry.ts'],
  ])('refuses %s importing %s', (from, to) => {
    expect(isAllowedImport(from, to)).toBe(false);
  });

  it.each([
    ['gateway/x.ts', 'contracts/registry.ts'],
    ['modules/titles/x.ts', 'modules/kit/index.ts'],
    ['modules/titles/handler.ts', 'modules/titles/module.ts'],
    ['cli/dev/start-dev.ts', 'local-cloud/index.ts'],
  ])('allows %s importing %s', (from, to) => {
    expect(isAllowedImport(from, to)).toBe(true);
  });
});
