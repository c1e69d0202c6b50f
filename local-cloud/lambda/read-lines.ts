import type { Readable } from 'node:stream';

/**
 * Calls `onLine` with each line the stream carries, without its newline; a last line
 * without one comes when the stream ends.
 *
 * @example
 * readLines(worker.stdout, (line) => console.log(`[fn] ${line}`));
 */
export function readLines(stream: Readable, onLine: (line: string) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (partial) onLine(partial);
    partial = '';
  });
}
