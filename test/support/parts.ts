/**
 * The parts of the repository and which parts each may import (docs/ARCHITECTURE.md,
 * "Boundaries"). test/import-boundaries.test.ts holds every tracked file to it.
 */

/** The part a repository path belongs to; a module folder is `module:<name>`. */
export function partOf(path: string): string {
  const [top, second] = path.split('/');
  if (top === 'modules') {
    if (second === 'kit') return 'kit';
    return second?.includes('.') ? 'unknown' : `module:${second}`;
  }
  if (path.indexOf('/') === -1) return 'root';
  return TOP_LEVEL_PARTS.has(top ?? '') ? (top ?? 'unknown') : 'unknown';
}

const TOP_LEVEL_PARTS = new Set([
  'gateway',
  'contracts',
  'lib',
  'control-plane',
  'local-cloud',
  'stacks',
  'console',
  'cli',
  'bin',
  'bench',
  'test',
  'docs',
]);

const everything = [
  'gateway',
  'contracts',
  'lib',
  'kit',
  'control-plane',
  'local-cloud',
  'stacks',
  'console',
  'cli',
];

/**
 * Besides itself, what each part may import. A module may import the kit only (not
 * another module), so each module deploys alone; the data plane never reaches into
 * the control plane or the local cloud; nothing but the CLI starts the local cloud.
 */
export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  lib: [],
  contracts: ['lib', 'kit'],
  kit: ['contracts', 'lib'],
  module: ['kit'],
  gateway: ['contracts', 'lib'],
  'control-plane': ['contracts', 'lib', 'kit'],
  stacks: ['contracts', 'lib', 'kit', 'control-plane'],
  'local-cloud': ['contracts', 'lib', 'kit', 'control-plane'],
  // The operator console reads and steers through the control plane, as the CLI does.
  console: ['contracts', 'lib', 'kit', 'control-plane'],
  cli: everything,
  bin: ['cli'],
  root: ['stacks'],
  bench: [...everything, 'test', 'root'],
  test: [...everything, 'test', 'bench', 'root'],
};

/** Whether `from` may import `to` (both repository paths). */
export function isAllowedImport(from: string, to: string): boolean {
  const fromPart = partOf(from);
  const toPart = partOf(to);
  if (fromPart === toPart) return true;
  const kind = fromPart.startsWith('module:') ? 'module' : fromPart;
  return (ALLOWED_IMPORTS[kind] ?? []).includes(toPart);
}
