import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHmacSha256 } from './create-hmac-sha256.ts';

const expected = (key: Buffer, message: string) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex');

describe('createHmacSha256', () => {
  it('answers what createHmac answers for a SigV4 signing key (32 bytes)', () => {
    const key = randomBytes(32);
    const sign = createHmacSha256(key);
    const stringToSign =
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/lambda/aws4_request\n' +
      'a'.repeat(64);
    expect(sign(stringToSign)).toBe(expected(key, stringToSign));
  });

  it('answers RFC 4231 test case 2 (a key shorter than a block)', () => {
    const sign = createHmacSha256(Buffer.from('Jefe'));
    expect(sign('what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('hashes a key longer than a block first, as RFC 2104 says (RFC 4231 test case 6)', () => {
    const sign = createHmacSha256(Buffer.alloc(131, 0xaa));
    expect(sign('Test Using Larger Than Block-Size Key - Hash Key First')).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('keeps answering right when messages grow, shrink and carry multi-byte characters', () => {
    const key = randomBytes(32);
    const sign = createHmacSha256(key);
    for (const message of ['', 'short', 'é'.repeat(300), 'x'.repeat(5000), 'short again', '日本']) {
      expect(sign(message)).toBe(expected(key, message));
    }
  });
});
