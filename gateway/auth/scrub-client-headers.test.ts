import { describe, expect, it } from 'vitest';
import { scrubClientHeaders } from './scrub-client-headers.ts';

describe('scrubClientHeaders', () => {
  it('drops what a client could lie with and writes what the gateway saw', () => {
    const headers = scrubClientHeaders(
      {
        accept: 'application/json',
        authorization: 'Bearer secret',
        forwarded: 'for=10.0.0.1',
        'x-forwarded-for': '10.0.0.1',
        'x-forwarded-host': 'admin.internal',
        'x-real-ip': '10.0.0.1',
        'x-amzn-oidc-identity': 'admin',
        'x-amzn-trace-id': 'Root=1-spoofed',
        'x-request-id': 'chosen-by-client',
        'idempotency-key': 'k-1',
      },
      { sourceIp: '203.0.113.9', requestId: 'r-1' },
    );
    expect(headers).toEqual({
      accept: 'application/json',
      'idempotency-key': 'k-1',
      'x-forwarded-for': '203.0.113.9',
      'x-request-id': 'r-1',
    });
  });
});
