import { describe, expect, it } from 'vitest';
import { readShellBlocks } from './readme-shell-blocks.ts';

const MARKDOWN = [
  'Run it:',
  '',
  '```sh',
  'echo one',
  '```',
  '',
  '<!-- readme-test: skip (runs until Ctrl-C) -->',
  '```bash',
  'npm start',
  '```',
  '',
  '```ts',
  'const x = 1;',
  '```',
  '',
  '```',
  'output, not a command',
  '```',
].join('\n');

describe('the README shell blocks', () => {
  it('takes sh and bash blocks, and the skip comment with its reason', () => {
    expect(readShellBlocks(MARKDOWN)).toEqual([
      { line: 3, code: 'echo one' },
      { line: 8, code: 'npm start', skip: 'runs until Ctrl-C' },
    ]);
  });
});
