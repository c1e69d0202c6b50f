import { HttpProtocolError } from './errors.ts';
import type { ParsePhase, ParseState } from './response-parse-state.ts';

const MAX_HEAD_BYTES = 64 * 1024;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: |$)/;
const DIGITS = /^\d{1,15}$/;

/**
 * The status line and headers, up to the blank line: sets the status and headers,
 * whether the connection may be kept, and the phase that reads the body. After an interim
 * 1xx response the parse stays in this phase, for the final response's head. Answers the
 * offset after the blank line, or undefined while it has not come.
 */
export function parseHead(state: ParseState, data: Buffer, offset: number): number | undefined {
  const end = data.indexOf('\r\n\r\n', offset, 'latin1');
  // Measured the same however the bytes were split: up to the blank line, or all
  // that came without one but the CR LF CR that may begin it.
  if ((end === -1 ? data.length - offset - 3 : end - offset) > MAX_HEAD_BYTES)
    throw new HttpProtocolError('The response head is over 64 KiB');
  if (end === -1) return undefined;
  readHead(state, data.toString('latin1', offset, end));
  return end + 4;
}

function readHead(state: ParseState, text: string): void {
  const statusEnd = text.indexOf('\r\n');
  const statusLine = statusEnd === -1 ? text : text.slice(0, statusEnd);
  const status = STATUS_LINE.exec(statusLine);
  if (!status)
    throw new HttpProtocolError(
      `Not an HTTP/1.x status line: ${JSON.stringify(statusLine.slice(0, 80))}`,
    );
  state.statusCode = Number(status[2]);
  state.headers = statusEnd === -1 ? {} : readHeaders(text, statusEnd + 2);
  if (state.statusCode < 200) {
    if (state.statusCode === 101)
      throw new HttpProtocolError(
        'The server switched protocols (101); the client speaks HTTP/1.1 only',
      );
    state.phase = 'head';
    return;
  }
  readFraming(state, status[1] === '1');
}

/** What the final response's head says of the connection and of the body's framing. */
function readFraming(state: ParseState, http11: boolean): void {
  const headers = state.headers;
  const connection = headers.connection?.toLowerCase() ?? '';
  state.keepAlive = http11 ? !connection.includes('close') : connection.includes('keep-alive');
  state.keepAliveMs = readKeepAliveMs(headers['keep-alive']);
  state.phase = bodyFraming(state.method, state.statusCode, headers);
  if (state.phase === 'until-close') state.keepAlive = false;
  if (state.phase === 'length') {
    state.remaining = Number(headers['content-length']);
    if (state.remaining === 0) state.phase = 'done';
  }
}

/** The header lines of `head` from `start` on (no line array: this runs on every answer). */
function readHeaders(head: string, start: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let at = start; at <= head.length; ) {
    let end = head.indexOf('\r\n', at);
    if (end === -1) end = head.length;
    const colon = head.indexOf(':', at);
    if (colon <= at || colon >= end)
      throw new HttpProtocolError(
        `Bad header line: ${JSON.stringify(head.slice(at, Math.min(end, at + 80)))}`,
      );
    const name = head.slice(at, colon).trim().toLowerCase();
    const value = head.slice(colon + 1, end).trim();
    const before = headers[name];
    headers[name] = before === undefined ? value : `${before}, ${value}`;
    at = end + 2;
  }
  return headers;
}

/** How the body is framed (RFC 9112 6.3), as the phase that reads it. */
function bodyFraming(
  method: string,
  statusCode: number,
  headers: Record<string, string>,
): ParsePhase {
  if (method === 'HEAD' || statusCode === 204 || statusCode === 304) return 'done';
  const coding = headers['transfer-encoding'];
  if (coding !== undefined)
    return /(?:^|,)\s*chunked\s*$/i.test(coding) ? 'chunk-size' : 'until-close';
  const length = headers['content-length'];
  if (length === undefined) return 'until-close';
  if (!DIGITS.test(length))
    throw new HttpProtocolError(`Bad Content-Length: ${JSON.stringify(length.slice(0, 40))}`);
  return 'length';
}

function readKeepAliveMs(header: string | undefined): number | undefined {
  const seconds = header && /timeout=(\d+)/i.exec(header)?.[1];
  return seconds ? Number(seconds) * 1000 : undefined;
}
