import { hash } from 'node:crypto';

const BLOCK_BYTES = 64;
const DIGEST_BYTES = 32;

/**
 * HMAC-SHA256 under one fixed key (RFC 2104: H((K ^ opad) || H((K ^ ipad) || m))), made of
 * two one-shot `crypto.hash` calls over buffers kept between calls. Our own rather than
 * `createHmac` because every `createHmac` call builds a native Hmac object that the
 * garbage collector must later finalize, and the gateway signs every Lambda invoke with
 * one (gateway/PERFORMANCE.md, step 10). Synchronous, so reusing the buffers is safe.
 * create-hmac-sha256.test.ts checks it against `createHmac`.
 *
 * @example
 * const sign = createHmacSha256(signingKey);
 * const signature = sign(stringToSign); // hex, as createHmac('sha256', key).update(s).digest('hex')
 */
export function createHmacSha256(key: Buffer): (message: string) => string {
  const block = key.length > BLOCK_BYTES ? hash('sha256', key, 'buffer') : key;
  let inner = Buffer.alloc(BLOCK_BYTES * 2);
  const outer = Buffer.alloc(BLOCK_BYTES + DIGEST_BYTES);
  for (let i = 0; i < BLOCK_BYTES; i++) {
    const k = block[i] ?? 0;
    inner[i] = k ^ 0x36;
    outer[i] = k ^ 0x5c;
  }
  return (message) => {
    const length = Buffer.byteLength(message);
    if (BLOCK_BYTES + length > inner.length) {
      const grown = Buffer.alloc(BLOCK_BYTES + length);
      inner.copy(grown, 0, 0, BLOCK_BYTES);
      inner = grown;
    }
    inner.write(message, BLOCK_BYTES, 'utf8');
    hash('sha256', inner.subarray(0, BLOCK_BYTES + length), 'buffer').copy(outer, BLOCK_BYTES);
    return hash('sha256', outer, 'hex');
  };
}
