import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines } from './read-lines.ts';

describe('readLines', () => {
  it('gives whole lines however the writes were cut, and the last one at the end', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    readLines(stream, (line) => lines.push(line));
    stream.write('first li');
    stream.write('ne\nsecond line\nthi');
    stream.end('rd');
    await new Promise((resolve) => stream.on('end', resolve));
    expect(lines).toEqual(['first line', 'second line', 'third']);
  });
});
