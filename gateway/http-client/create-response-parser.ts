import { HttpProtocolError } from './errors.ts';
import {
  parseChunkData,
  parseChunkEnd,
  parseChunkSize,
  parseTrailers,
} from './parse-chunked-body.ts';
import { parseHead } from './parse-head.ts';
import { parseLengthBody } from './parse-length-body.ts';
import { parseUntilClose } from './parse-until-close.ts';
import { createParseState, type ParseState } from './response-parse-state.ts';

/** An HTTP/1.x response as read off the connection. */
export interface ParsedResponse {
  statusCode: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
  /** The connection may carry another request. */
  keepAlive: boolean;
  /** The server's `Keep-Alive: timeout=<s>` in ms, when it sent one. */
  keepAliveMs: number | undefined;
}

export interface ResponseParser {
  /** Feeds bytes off the connection; answers the response once it is complete. */
  push(chunk: Buffer): ParsedResponse | undefined;
  /** The server closed the connection: completes a body that runs until close, or throws. */
  finish(): ParsedResponse;
}

/**
 * Reads one HTTP/1.x response incrementally: status line and headers, then a body framed
 * by Content-Length, chunked transfer coding or the end of the connection (RFC 9112 6.3),
 * skipping interim 1xx responses. Bytes after the response mean the connection cannot be
 * reused (`keepAlive: false`).
 *
 * @example
 * const parser = createResponseParser('POST');
 * socket.on('data', (chunk) => { const response = parser.push(chunk); if (response) done(response); });
 */
export function createResponseParser(method: string): ResponseParser {
  const state = createParseState(method);
  return {
    push: (chunk) => pushChunk(state, chunk),
    finish: () => finishAtClose(state),
  };
}

/** Runs the phases over the bytes until the response is complete or the bytes run out. */
function pushChunk(state: ParseState, chunk: Buffer): ParsedResponse | undefined {
  const data = state.pending ? Buffer.concat([state.pending, chunk]) : chunk;
  state.pending = undefined;
  let offset = 0;
  while (offset < data.length && state.phase !== 'done') {
    const next = advance(state, data, offset);
    if (next === undefined) {
      state.pending = data.subarray(offset);
      return undefined;
    }
    offset = next;
  }
  if (state.phase !== 'done') return undefined;
  // Bytes the server sent past the response: nothing asked for them, so the
  // connection's framing can no longer be trusted.
  if (offset < data.length) state.keepAlive = false;
  return responseOf(state);
}

/** Reads what the current phase reads: the offset after it, or undefined for more bytes. */
function advance(state: ParseState, data: Buffer, offset: number): number | undefined {
  switch (state.phase) {
    case 'head':
      return parseHead(state, data, offset);
    case 'length':
      return parseLengthBody(state, data, offset);
    case 'chunk-size':
      return parseChunkSize(state, data, offset);
    case 'chunk-data':
      return parseChunkData(state, data, offset);
    case 'chunk-data-end':
      return parseChunkEnd(state, data, offset);
    case 'trailers':
      return parseTrailers(state, data, offset);
    case 'until-close':
      return parseUntilClose(state, data, offset);
    case 'done':
      return undefined;
  }
}

/** A body that runs until close ends here; anything else was cut short. */
function finishAtClose(state: ParseState): ParsedResponse {
  if (state.phase === 'until-close') {
    state.phase = 'done';
    return responseOf(state);
  }
  throw new HttpProtocolError(
    state.phase === 'head'
      ? 'The connection closed before the response head was complete'
      : state.phase === 'length'
        ? `The connection closed ${state.remaining} bytes before the end of the response body`
        : 'The connection closed before the end of the chunked response body',
  );
}

function responseOf(state: ParseState): ParsedResponse {
  const parts = state.parts;
  return {
    statusCode: state.statusCode,
    headers: state.headers,
    body: parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, state.bodyBytes),
    keepAlive: state.keepAlive,
    keepAliveMs: state.keepAliveMs,
  };
}
