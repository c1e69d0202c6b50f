import type { ParseState } from './response-parse-state.ts';
import { takeBody } from './take-body.ts';

/**
 * A body framed by the end of the connection (no length, no chunked coding): every byte
 * is body, and the parser's `finish` completes it when the server closes.
 */
export function parseUntilClose(state: ParseState, data: Buffer, offset: number): number {
  state.remaining = data.length - offset;
  return takeBody(state, data, offset);
}
