/** Where a parse is: each phase reads its own part of the response. */
export type ParsePhase =
  | 'head'
  | 'length'
  | 'chunk-size'
  | 'chunk-data'
  | 'chunk-data-end'
  | 'trailers'
  | 'until-close'
  | 'done';

/** One response's parse so far, shared by its phases. */
export interface ParseState {
  /** The request's method: the answer to HEAD has no body. */
  method: string;
  phase: ParsePhase;
  /** The start of a head or line that has not ended yet, kept for the next push. */
  pending: Buffer | undefined;
  /** Body bytes still to come: of the Content-Length, or of the current chunk. */
  remaining: number;
  /** The body so far, as views of the pushed chunks, and its length. */
  parts: Buffer[];
  bodyBytes: number;
  statusCode: number;
  headers: Record<string, string>;
  keepAlive: boolean;
  keepAliveMs: number | undefined;
}

/** Before the first byte: every field set, so a parse state always has one shape. */
export function createParseState(method: string): ParseState {
  return {
    method,
    phase: 'head',
    pending: undefined,
    remaining: 0,
    parts: [],
    bodyBytes: 0,
    statusCode: 0,
    headers: {},
    keepAlive: true,
    keepAliveMs: undefined,
  };
}
