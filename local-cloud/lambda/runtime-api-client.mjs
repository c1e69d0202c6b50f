// The Node runtime's client of Lambda's Runtime API: HTTP/1.1 over one keep-alive
// connection, one request at a time, as the runtime loop asks (next event, then its
// response or error).
// why our own, not node:http or undici: node:http's request machinery (agent, socket
// pooling, timers, header objects) was a tenth of a warm function's CPU per invoke, and
// undici costs every environment its import at boot; the runtime's side of this exchange
// is fixed and small: a request with Content-Length, an answer with Content-Length.
import { connect } from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Connects to the Runtime API at `host:port` (AWS_LAMBDA_RUNTIME_API). `onGone` is called
 * once when the connection fails or closes: the Lambda service that ran this environment
 * has stopped, and the runtime ends.
 *
 * @example
 * const api = connectRuntimeApi('127.0.0.1:9001', () => process.exit(0));
 * const { status, headers, body } = await api.request('GET', '/2018-06-01/runtime/invocation/next');
 */
export function connectRuntimeApi(address, onGone) {
  const [host, port] = address.split(':');
  const socket = connect({ host, port: Number(port), noDelay: true });
  let gone = false;
  const end = () => {
    if (gone) return;
    gone = true;
    onGone();
  };
  socket.on('error', end);
  socket.on('close', end);
  // why unref: an idle connection must not keep the runtime alive; the loop's own timer does
  socket.unref();

  /** The answer being read: its callback, what has arrived, and its head once read. */
  let reading;
  socket.on('data', (chunk) => {
    if (!reading) return end();
    reading.chunks.push(chunk);
    reading.length += chunk.length;
    if (!reading.head) {
      // why join only here: the head nearly always comes whole in the first chunk
      const joined = Buffer.concat(reading.chunks, reading.length);
      reading.chunks = [joined];
      reading.head = parseHead(joined);
      if (reading.head === 'malformed') return end();
    }
    const { head } = reading;
    if (!head || reading.length < head.bodyStart + head.bodyLength) return;
    const all = Buffer.concat(reading.chunks, reading.length);
    const { resolve } = reading;
    reading = undefined;
    const body = all.toString('utf8', head.bodyStart, head.bodyStart + head.bodyLength);
    resolve({ status: head.status, headers: head.headers, body });
  });

  return {
    /**
     * Sends one request and resolves with the answer: `status`, `headers` (names in
     * lower case, as node:http gives them) and `body` (text).
     */
    request(method, path, body, headers = {}) {
      return new Promise((resolve) => {
        reading = { resolve, chunks: [], length: 0 };
        let head = `${method} ${path} HTTP/1.1\r\nHost: ${address}\r\n`;
        for (const [name, value] of Object.entries(headers))
          head += `${name}: ${headerValue(value)}\r\n`;
        if (body !== undefined) head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
        socket.write(body === undefined ? `${head}\r\n` : `${head}\r\n${body}`);
      });
    },
  };
}

/** The status and headers of an HTTP/1.1 answer framed by Content-Length, once they have all come. */
function parseHead(buffer) {
  const headEnd = buffer.indexOf(HEAD_END);
  if (headEnd < 0) return undefined;
  const lines = buffer.toString('latin1', 0, headEnd).split('\r\n');
  const status = Number(lines[0]?.split(' ')[1]);
  const headers = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const bodyLength = Number(headers['content-length']);
  if (!Number.isInteger(status) || !Number.isInteger(bodyLength)) return 'malformed';
  return { status, headers, bodyStart: headEnd + HEAD_END.length, bodyLength };
}

/** A header value as HTTP allows it: a handler's error name must not break the request. */
function headerValue(value) {
  return String(value).replace(/[^\t\x20-\x7e]/g, '');
}
