import type { HttpRequest } from './types.ts';

const REQUEST_TARGET_BREAK = /\s/;

/** `includes` rather than a regular expression: several times faster on a kilobyte of session token. */
const holdsLineBreak = (text: string) => text.includes('\n') || text.includes('\r');

/**
 * The request line and headers, `host` and `content-length` added when missing. Refuses
 * a path or header that would split the request: a caller's value must never become a
 * second request on a shared connection.
 */
export function serializeRequestHead(request: HttpRequest, host: string): string {
  if (REQUEST_TARGET_BREAK.test(request.path))
    throw new TypeError(
      `Path ${JSON.stringify(request.path)} holds a space or line break: encode it first`,
    );
  let head = `${request.method} ${request.path} HTTP/1.1\r\n`;
  let hasHost = false;
  let hasLength = false;
  for (const name in request.headers) {
    const value = request.headers[name] as string;
    if (holdsLineBreak(value) || holdsLineBreak(name) || name.includes(':'))
      throw new TypeError(
        `Header ${JSON.stringify(name)} holds a line break or colon: it would split the request`,
      );
    const lower = name.toLowerCase();
    if (lower === 'host') hasHost = true;
    else if (lower === 'content-length') hasLength = true;
    head += `${name}: ${value}\r\n`;
  }
  if (!hasHost) head += `host: ${host}\r\n`;
  const body = request.body;
  if (!hasLength && (body !== undefined || request.method === 'POST' || request.method === 'PUT'))
    head += `content-length: ${body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length}\r\n`;
  return `${head}\r\n`;
}
