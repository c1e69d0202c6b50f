import { HttpProtocolError } from './errors.ts';

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

type State =
  | 'head'
  | 'length'
  | 'chunk-size'
  | 'chunk-data'
  | 'chunk-data-end'
  | 'trailers'
  | 'until-close'
  | 'done';

const MAX_HEAD_BYTES = 64 * 1024;
const MAX_LINE_BYTES = 4 * 1024;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: |$)/;
const CHUNK_SIZE = /^[0-9a-fA-F]{1,12}$/;
const DIGITS = /^\d{1,15}$/;

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
  let state: State = 'head';
  let pending: Buffer | undefined;
  let remaining = 0;
  let bodyBytes = 0;
  const parts: Buffer[] = [];
  let statusCode = 0;
  let headers: Record<string, string> = {};
  let keepAlive = true;
  let keepAliveMs: number | undefined;

  const takeBody = (data: Buffer, offset: number): number => {
    const take = Math.min(remaining, data.length - offset);
    if (take > 0) {
      parts.push(
        offset === 0 && take === data.length ? data : data.subarray(offset, offset + take),
      );
      bodyBytes += take;
      remaining -= take;
    }
    return offset + take;
  };

  const readHead = (text: string) => {
    const statusEnd = text.indexOf('\r\n');
    const statusLine = statusEnd === -1 ? text : text.slice(0, statusEnd);
    const status = STATUS_LINE.exec(statusLine);
    if (!status)
      throw new HttpProtocolError(
        `Not an HTTP/1.x status line: ${JSON.stringify(statusLine.slice(0, 80))}`,
      );
    statusCode = Number(status[2]);
    headers = statusEnd === -1 ? {} : readHeaders(text, statusEnd + 2);
    if (statusCode < 200) {
      if (statusCode === 101)
        throw new HttpProtocolError(
          'The server switched protocols (101); the client speaks HTTP/1.1 only',
        );
      state = 'head';
      return;
    }
    const connection = headers.connection?.toLowerCase() ?? '';
    keepAlive =
      status[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
    keepAliveMs = readKeepAliveMs(headers['keep-alive']);
    state = bodyFraming(method, statusCode, headers);
    if (state === 'until-close') keepAlive = false;
    if (state === 'length') {
      remaining = Number(headers['content-length']);
      if (remaining === 0) state = 'done';
    }
  };

  const line = (data: Buffer, offset: number): number => {
    const end = data.indexOf('\r\n', offset, 'latin1');
    // Measured the same however the bytes were split: up to the CRLF, or all that came
    // without one but the CR that may begin it.
    if ((end === -1 ? data.length - offset - 1 : end - offset) > MAX_LINE_BYTES)
      throw new HttpProtocolError('A chunk-size or trailer line is over 4 KiB');
    return end;
  };

  const advance = (data: Buffer, offset: number): number | undefined => {
    switch (state) {
      case 'head': {
        const end = data.indexOf('\r\n\r\n', offset, 'latin1');
        // Measured the same however the bytes were split: up to the blank line, or all
        // that came without one but the CR LF CR that may begin it.
        if ((end === -1 ? data.length - offset - 3 : end - offset) > MAX_HEAD_BYTES)
          throw new HttpProtocolError('The response head is over 64 KiB');
        if (end === -1) return undefined;
        readHead(data.toString('latin1', offset, end));
        return end + 4;
      }
      case 'length': {
        const next = takeBody(data, offset);
        if (remaining === 0) state = 'done';
        return next;
      }
      case 'chunk-size': {
        const end = line(data, offset);
        if (end === -1) return undefined;
        const size = data.toString('latin1', offset, end).split(';', 1)[0]?.trim() ?? '';
        if (!CHUNK_SIZE.test(size))
          throw new HttpProtocolError(`Bad chunk size: ${JSON.stringify(size.slice(0, 20))}`);
        remaining = Number.parseInt(size, 16);
        state = remaining === 0 ? 'trailers' : 'chunk-data';
        return end + 2;
      }
      case 'chunk-data': {
        const next = takeBody(data, offset);
        if (remaining === 0) state = 'chunk-data-end';
        return next;
      }
      case 'chunk-data-end': {
        if (data.length - offset < 2) return undefined;
        if (data[offset] !== 0x0d || data[offset + 1] !== 0x0a)
          throw new HttpProtocolError('A chunk does not end with CRLF');
        state = 'chunk-size';
        return offset + 2;
      }
      case 'trailers': {
        const end = line(data, offset);
        if (end === -1) return undefined;
        if (end === offset) state = 'done';
        return end + 2;
      }
      case 'until-close':
        remaining = data.length - offset;
        return takeBody(data, offset);
      case 'done':
        return undefined;
    }
  };

  const response = (): ParsedResponse => ({
    statusCode,
    headers,
    body: parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, bodyBytes),
    keepAlive,
    keepAliveMs,
  });

  return {
    push(chunk) {
      const data = pending ? Buffer.concat([pending, chunk]) : chunk;
      pending = undefined;
      let offset = 0;
      while (offset < data.length && state !== 'done') {
        const next = advance(data, offset);
        if (next === undefined) {
          pending = data.subarray(offset);
          return undefined;
        }
        offset = next;
      }
      if (state !== 'done') return undefined;
      // Bytes the server sent past the response: nothing asked for them, so the
      // connection's framing can no longer be trusted.
      if (offset < data.length) keepAlive = false;
      return response();
    },
    finish() {
      if (state === 'until-close') {
        state = 'done';
        return response();
      }
      throw new HttpProtocolError(
        state === 'head'
          ? 'The connection closed before the response head was complete'
          : state === 'length'
            ? `The connection closed ${remaining} bytes before the end of the response body`
            : 'The connection closed before the end of the chunked response body',
      );
    },
  };
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

function bodyFraming(method: string, statusCode: number, headers: Record<string, string>): State {
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
