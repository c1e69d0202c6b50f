import { HttpProtocolError } from './errors.ts';
import type { ParseState } from './response-parse-state.ts';
import { takeBody } from './take-body.ts';

/**
 * The chunked transfer coding (RFC 9112 7.1), one reader per part: a chunk-size line
 * (its extensions ignored), the chunk's data and the CRLF after it, and after the last
 * (size 0) chunk, trailer lines up to a blank one (read past, not kept). Each reader
 * answers the offset after what it read, or undefined when it needs more bytes.
 */

const MAX_LINE_BYTES = 4 * 1024;
const CHUNK_SIZE = /^[0-9a-fA-F]{1,12}$/;

/** A chunk-size line: a size of 0 ends the chunks. */
export function parseChunkSize(
  state: ParseState,
  data: Buffer,
  offset: number,
): number | undefined {
  const end = lineEnd(data, offset);
  if (end === -1) return undefined;
  const size = data.toString('latin1', offset, end).split(';', 1)[0]?.trim() ?? '';
  if (!CHUNK_SIZE.test(size))
    throw new HttpProtocolError(`Bad chunk size: ${JSON.stringify(size.slice(0, 20))}`);
  state.remaining = Number.parseInt(size, 16);
  state.phase = state.remaining === 0 ? 'trailers' : 'chunk-data';
  return end + 2;
}

/** A chunk's data, as much of it as has come. */
export function parseChunkData(state: ParseState, data: Buffer, offset: number): number {
  const next = takeBody(state, data, offset);
  if (state.remaining === 0) state.phase = 'chunk-data-end';
  return next;
}

/** The CRLF that ends a chunk's data. */
export function parseChunkEnd(state: ParseState, data: Buffer, offset: number): number | undefined {
  if (data.length - offset < 2) return undefined;
  if (data[offset] !== 0x0d || data[offset + 1] !== 0x0a)
    throw new HttpProtocolError('A chunk does not end with CRLF');
  state.phase = 'chunk-size';
  return offset + 2;
}

/** One trailer line; the blank one ends the response. */
export function parseTrailers(state: ParseState, data: Buffer, offset: number): number | undefined {
  const end = lineEnd(data, offset);
  if (end === -1) return undefined;
  if (end === offset) state.phase = 'done';
  return end + 2;
}

/** Where the line at `offset` ends (its CRLF), or -1 when it has not ended yet. */
function lineEnd(data: Buffer, offset: number): number {
  const end = data.indexOf('\r\n', offset, 'latin1');
  // Measured the same however the bytes were split: up to the CRLF, or all that came
  // without one but the CR that may begin it.
  if ((end === -1 ? data.length - offset - 1 : end - offset) > MAX_LINE_BYTES)
    throw new HttpProtocolError('A chunk-size or trailer line is over 4 KiB');
  return end;
}
