import type { ParseState } from './response-parse-state.ts';

/**
 * Takes up to `remaining` body bytes from `offset` on, as a view rather than a copy (the
 * whole chunk when it is all body); answers the offset after them.
 */
export function takeBody(state: ParseState, data: Buffer, offset: number): number {
  const take = Math.min(state.remaining, data.length - offset);
  if (take > 0) {
    state.parts.push(
      offset === 0 && take === data.length ? data : data.subarray(offset, offset + take),
    );
    state.bodyBytes += take;
    state.remaining -= take;
  }
  return offset + take;
}
