import { describe, expect, it } from 'vitest';
import { createResponseParser, type ParsedResponse } from './create-response-parser.ts';
import { HttpProtocolError } from './errors.ts';

/**
 * The ways a connection may hand over the bytes: all at once, one byte at a time, and cut
 * in two at every point.
 */
function deliveries(text: string): Array<{ how: string; pieces: Buffer[] }> {
  const bytes = Buffer.from(text, 'latin1');
  const ways = [
    { how: 'whole', pieces: [bytes] },
    { how: 'one byte at a time', pieces: [...bytes].map((byte) => Buffer.from([byte])) },
  ];
  for (let at = 1; at < bytes.length; at++)
    ways.push({ how: `cut at ${at}`, pieces: [bytes.subarray(0, at), bytes.subarray(at)] });
  return ways;
}

type Readable = Omit<ParsedResponse, 'body'> & { body: string };

/**
 * Feeds the response every way; the parser must answer with the last piece, not before,
 * or (`closes`) only when the connection closes after it.
 */
function readEveryWay(
  method: string,
  text: string,
  { closes = false } = {},
): Array<{ how: string; response: Readable | undefined }> {
  return deliveries(text).map(({ how, pieces }) => {
    const parser = createResponseParser(method);
    let response: ParsedResponse | undefined;
    for (const [index, piece] of pieces.entries()) {
      response = parser.push(piece);
      if (response && index < pieces.length - 1)
        throw new Error(`${how}: answered at piece ${index}`);
    }
    if (closes) {
      if (response) throw new Error(`${how}: answered before the connection closed`);
      response = parser.finish();
    }
    return { how, response: response && { ...response, body: response.body.toString('latin1') } };
  });
}

function expectEveryWay(method: string, text: string, expected: Readable, options = {}) {
  for (const { how, response } of readEveryWay(method, text, options))
    expect(response, how).toEqual(expected);
}

/**
 * Feeds the bytes every way, then closes the connection, and answers what each way threw
 * (nothing when a response came).
 */
function failuresEveryWay(text: string, ways = deliveries(text)): Array<[string, unknown]> {
  return ways.map(({ how, pieces }) => {
    const parser = createResponseParser('GET');
    try {
      for (const piece of pieces) if (parser.push(piece)) return [how, undefined];
      parser.finish();
    } catch (error) {
      return [how, error];
    }
    return [how, undefined];
  });
}

function expectProtocolErrorEveryWay(text: string, message: string, ways = deliveries(text)) {
  for (const [how, error] of failuresEveryWay(text, ways)) {
    expect(error, how).toBeInstanceOf(HttpProtocolError);
    expect((error as Error).message, how).toBe(message);
  }
}

describe('createResponseParser', () => {
  it('reads a body framed by Content-Length, CRLFs in it included', () => {
    expectEveryWay('GET', 'HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello\r\nworld', {
      statusCode: 200,
      headers: { 'content-length': '12' },
      body: 'hello\r\nworld',
      keepAlive: true,
      keepAliveMs: undefined,
    });
  });

  it('reads a chunked body past chunk extensions and trailers', () => {
    const text =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '5;name=value\r\nhello\r\n' +
      'a\r\n, \r\nworld!\r\n' +
      '0\r\nExpires: never\r\nX-Checksum: 1\r\n\r\n';
    expectEveryWay('GET', text, {
      statusCode: 200,
      headers: { 'transfer-encoding': 'chunked' },
      body: 'hello, \r\nworld!',
      keepAlive: true,
      keepAliveMs: undefined,
    });
  });

  it('reads a body that runs until the connection closes, which ends the connection', () => {
    expectEveryWay(
      'GET',
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it\r\nand more',
      {
        statusCode: 200,
        headers: { 'content-type': 'text/plain' },
        body: 'all of it\r\nand more',
        keepAlive: false,
        keepAliveMs: undefined,
      },
      { closes: true },
    );
  });

  it('reads until close a body whose transfer coding is not chunked', () => {
    expectEveryWay(
      'GET',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nnot two bytes',
      {
        statusCode: 200,
        headers: { 'transfer-encoding': 'gzip', 'content-length': '2' },
        body: 'not two bytes',
        keepAlive: false,
        keepAliveMs: undefined,
      },
      { closes: true },
    );
  });

  it('skips 100 Continue and 103 Early Hints, headers included, to the final response', () => {
    const text =
      'HTTP/1.1 100 Continue\r\n\r\n' +
      'HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n' +
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    expectEveryWay('POST', text, {
      statusCode: 200,
      headers: { 'content-length': '2' },
      body: 'ok',
      keepAlive: true,
      keepAliveMs: undefined,
    });
  });

  it('reads no body after a 204, a 304 or an answer to HEAD, whatever Content-Length says', () => {
    const empty = { body: '', keepAlive: true, keepAliveMs: undefined };
    expectEveryWay('DELETE', 'HTTP/1.1 204 No Content\r\nX-Deleted: 1\r\n\r\n', {
      ...empty,
      statusCode: 204,
      headers: { 'x-deleted': '1' },
    });
    expectEveryWay('GET', 'HTTP/1.1 304 Not Modified\r\nETag: "a"\r\n\r\n', {
      ...empty,
      statusCode: 304,
      headers: { etag: '"a"' },
    });
    expectEveryWay('HEAD', 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n', {
      ...empty,
      statusCode: 200,
      headers: { 'content-length': '1234' },
    });
  });

  it('answers a Content-Length: 0 response without waiting for more bytes', () => {
    expectEveryWay('POST', 'HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n', {
      statusCode: 202,
      headers: { 'content-length': '0' },
      body: '',
      keepAlive: true,
      keepAliveMs: undefined,
    });
  });

  it('does not keep alive a connection the server closes with Connection: close', () => {
    for (const { how, response } of readEveryWay(
      'GET',
      'HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 2\r\n\r\nok',
    ))
      expect(response?.keepAlive, how).toBe(false);
  });

  it('keeps an HTTP/1.0 connection alive only when the server says keep-alive', () => {
    const ok = { statusCode: 200, body: 'ok', keepAliveMs: undefined };
    expectEveryWay('GET', 'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok', {
      ...ok,
      headers: { 'content-length': '2' },
      keepAlive: false,
    });
    expectEveryWay(
      'GET',
      'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok',
      {
        ...ok,
        headers: { connection: 'Keep-Alive', 'content-length': '2' },
        keepAlive: true,
      },
    );
  });

  it('does not keep alive a connection that carried bytes past the response', () => {
    const response = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    const text = `${response}HTTP/1.1 200 OK\r\n`;
    const bytes = Buffer.from(text, 'latin1');
    // Whole, and cut at every point before the response ends: the piece that completes
    // it carries the extra bytes.
    const ways = [{ how: 'whole', pieces: [bytes] }];
    for (let at = 1; at < response.length; at++)
      ways.push({ how: `cut at ${at}`, pieces: [bytes.subarray(0, at), bytes.subarray(at)] });
    for (const { how, pieces } of ways) {
      const parser = createResponseParser('GET');
      const answers = pieces
        .map((piece) => parser.push(piece))
        .map((answer) => answer && { body: answer.body.toString(), keepAlive: answer.keepAlive });
      expect(answers, how).toEqual([
        ...pieces.slice(1).map(() => undefined),
        { body: 'ok', keepAlive: false },
      ]);
    }
  });

  it("reads the server's Keep-Alive timeout in milliseconds", () => {
    expectEveryWay(
      'GET',
      'HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5, max=1000\r\nContent-Length: 2\r\n\r\nok',
      {
        statusCode: 200,
        headers: { 'keep-alive': 'timeout=5, max=1000', 'content-length': '2' },
        body: 'ok',
        keepAlive: true,
        keepAliveMs: 5000,
      },
    );
  });

  it('joins repeated headers with a comma, whatever their case', () => {
    expectEveryWay(
      'GET',
      'HTTP/1.1 200 OK\r\nVary: Accept\r\nSet-Cookie: a=1\r\nVARY: Origin\r\nset-cookie: b=2\r\nContent-Length: 0\r\n\r\n',
      {
        statusCode: 200,
        headers: { vary: 'Accept, Origin', 'set-cookie': 'a=1, b=2', 'content-length': '0' },
        body: '',
        keepAlive: true,
        keepAliveMs: undefined,
      },
    );
  });

  describe('refuses with an HttpProtocolError', () => {
    it('a status line that is not HTTP/1.x', () => {
      expectProtocolErrorEveryWay(
        'SSH-2.0-OpenSSH_9.6\r\n\r\n',
        'Not an HTTP/1.x status line: "SSH-2.0-OpenSSH_9.6"',
      );
      expectProtocolErrorEveryWay(
        'HTTP/2 200 OK\r\n\r\n',
        'Not an HTTP/1.x status line: "HTTP/2 200 OK"',
      );
    });

    it('a header line without a name', () => {
      expectProtocolErrorEveryWay(
        'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
        'Bad header line: "no colon here"',
      );
    });

    it('a Content-Length that is not a number', () => {
      expectProtocolErrorEveryWay(
        'HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n',
        'Bad Content-Length: "12abc"',
      );
      expectProtocolErrorEveryWay(
        'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n',
        'Bad Content-Length: "-1"',
      );
    });

    it('a chunk size that is not hexadecimal', () => {
      expectProtocolErrorEveryWay(
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz;ext\r\n',
        'Bad chunk size: "zz"',
      );
    });

    it('a chunk that does not end with CRLF', () => {
      expectProtocolErrorEveryWay(
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX0\r\n\r\n',
        'A chunk does not end with CRLF',
      );
    });

    it('a connection closed before the end of the body or of the head', () => {
      expectProtocolErrorEveryWay(
        'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf',
        'The connection closed 6 bytes before the end of the response body',
      );
      expectProtocolErrorEveryWay(
        'HTTP/1.1 200 OK\r\nContent-Le',
        'The connection closed before the response head was complete',
      );
    });

    it('a 101 Switching Protocols', () => {
      expectProtocolErrorEveryWay(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
        'The server switched protocols (101); the client speaks HTTP/1.1 only',
      );
    });
  });

  describe('limits', () => {
    /**
     * Whole, in 1 KiB pieces, and cut at each of the last bytes: one byte at a time would
     * take quadratic time here.
     */
    const bigDeliveries = (text: string) => {
      const bytes = Buffer.from(text, 'latin1');
      const pieces: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += 1024) pieces.push(bytes.subarray(at, at + 1024));
      const ways = [
        { how: 'whole', pieces: [bytes] },
        { how: 'in 1 KiB pieces', pieces },
      ];
      for (let at = bytes.length - 8; at < bytes.length; at++)
        ways.push({ how: `cut at ${at}`, pieces: [bytes.subarray(0, at), bytes.subarray(at)] });
      return ways;
    };
    /** A status line and headers of exactly `bytes` bytes, the blank line after them not counted. */
    const headOf = (bytes: number, contentLength: number) => {
      const start = 'HTTP/1.1 200 OK\r\nX-Padding: ';
      const end = `\r\nContent-Length: ${contentLength}`;
      return `${start}${'a'.repeat(bytes - start.length - end.length)}${end}`;
    };

    it('reads a response head of 64 KiB, however it arrives', () => {
      const text = `${headOf(64 * 1024, 2)}\r\n\r\nok`;
      for (const { how, pieces } of bigDeliveries(text)) {
        const parser = createResponseParser('GET');
        const answers = pieces.map((piece) => parser.push(piece));
        expect(answers.at(-1)?.body.toString(), how).toBe('ok');
      }
    });

    it('refuses a response head over 64 KiB, however it arrives', () => {
      const text = `${headOf(64 * 1024 + 1, 0)}\r\n\r\n`;
      expectProtocolErrorEveryWay(text, 'The response head is over 64 KiB', bigDeliveries(text));
    });

    it('refuses a chunk-size line over 4 KiB, however it arrives', () => {
      const text = `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;${'e'.repeat(4096)}\r\nok\r\n0\r\n\r\n`;
      expectProtocolErrorEveryWay(
        text,
        'A chunk-size or trailer line is over 4 KiB',
        bigDeliveries(text),
      );
    });
  });
});
