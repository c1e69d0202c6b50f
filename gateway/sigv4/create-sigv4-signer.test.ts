import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { createSigV4Signer, type SignableRequest } from './create-sigv4-signer.ts';

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const WITH_TOKEN = { ...CREDENTIALS, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE/TOKEN+=' };
const AUGUST_30_2015 = Date.UTC(2015, 7, 30, 12, 36, 0);

/** The Checksum the SDK's signer takes, on node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }
  update(data: SourceData) {
    this.hash.update(toBytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

function toBytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

/** What the AWS SDK's own signer (`@smithy/signature-v4`) sends as Authorization for the same request. */
async function sdkAuthorization(
  request: SignableRequest,
  service: string,
  credentials: typeof WITH_TOKEN | typeof CREDENTIALS,
  at: number,
): Promise<string> {
  const [pathname = '', search = ''] = request.path.split('?');
  const query: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(search))
    query[key] = [...(query[key] ?? []), value];
  const signer = new SignatureV4({
    credentials,
    region: 'us-east-1',
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'https:',
      hostname: request.host,
      // The SDK's serializer encodes path labels once, as the gateway does.
      path: pathname,
      query,
      headers: { ...request.headers, host: request.host },
      body: request.body,
    },
    { signingDate: new Date(at) },
  );
  return String(signed.headers.authorization);
}

const invoke = (functionName: string, qualifier: string): SignableRequest => {
  const body = JSON.stringify({ query: '{ a }', variables: { ü: 'ß' } });
  return {
    method: 'POST',
    host: 'lambda.us-east-1.amazonaws.com',
    path: `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations?Qualifier=${encodeURIComponent(qualifier)}`,
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(Buffer.byteLength(body)),
    },
    body,
  };
};

describe('createSigV4Signer', () => {
  it("signs AWS's get-vanilla test vector as published", () => {
    const sign = createSigV4Signer({
      region: 'us-east-1',
      service: 'service',
      now: () => AUGUST_30_2015,
    });
    const headers = sign(
      { method: 'GET', host: 'example.amazonaws.com', path: '/', headers: {}, body: '' },
      CREDENTIALS,
    );
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it.each([
    [
      'an invoke by name with a session token',
      'lambda',
      invoke('turnout-titles', 'live'),
      WITH_TOKEN,
    ],
    [
      'an invoke by ARN, whose colons are encoded twice in the canonical path',
      'lambda',
      invoke('arn:aws:lambda:us-east-1:000000000000:function:turnout-titles', 'live'),
      WITH_TOKEN,
    ],
    ['an invoke of $LATEST', 'lambda', invoke('turnout-titles', '$LATEST'), CREDENTIALS],
    [
      'a DynamoDB call with a target header and spaces to fold',
      'dynamodb',
      {
        method: 'POST',
        host: 'dynamodb.us-east-1.amazonaws.com',
        path: '/',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': '  DynamoDB_20120810.Query ',
          'X-Custom': 'a   b',
        },
        body: '{"TableName":"turnout-registry"}',
      },
      WITH_TOKEN,
    ],
    [
      'a query string out of order with characters to encode',
      'lambda',
      {
        method: 'GET',
        host: 'lambda.us-east-1.amazonaws.com',
        path: "/2015-03-31/functions?b=2&a=x%20y&a=(1)&c=%E2%9C%93&d=it's",
        headers: {},
        body: '',
      },
      CREDENTIALS,
    ],
  ] as const)('signs %s as the AWS SDK does', async (_case, service, request, credentials) => {
    const sign = createSigV4Signer({ region: 'us-east-1', service, now: () => AUGUST_30_2015 });
    const headers = sign(request, credentials);
    expect(headers.authorization).toBe(
      await sdkAuthorization(request, service, credentials, AUGUST_30_2015),
    );
    expect(headers['x-amz-security-token']).toBe(
      'sessionToken' in credentials ? credentials.sessionToken : undefined,
    );
  });

  it('derives a new key when the day changes or the credentials rotate', async () => {
    let now = AUGUST_30_2015;
    const sign = createSigV4Signer({ region: 'us-east-1', service: 'lambda', now: () => now });
    const request = invoke('turnout-titles', 'live');
    const rotated = { accessKeyId: 'AKIDROTATED', secretAccessKey: 'another-secret' };
    for (const [at, credentials] of [
      [AUGUST_30_2015, WITH_TOKEN],
      [AUGUST_30_2015 + 86_400_000, WITH_TOKEN],
      [AUGUST_30_2015 + 86_400_000, rotated],
      [AUGUST_30_2015 + 86_401_000, WITH_TOKEN],
    ] as const) {
      now = at;
      expect(sign(request, credentials).authorization).toBe(
        await sdkAuthorization(request, 'lambda', credentials, at),
      );
    }
  });
});
