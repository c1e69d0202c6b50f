import type { ParseState } from './response-parse-state.ts';
import { takeBody } from './take-body.ts';

/** A body framed by Content-Length: done once that many bytes have come. */
export function parseLengthBody(state: ParseState, data: Buffer, offset: number): number {
  const next = takeBody(state, data, offset);
  if (state.remaining === 0) state.phase = 'done';
  return next;
}
