import { describe, expect, it } from 'vitest';
import { isIdempotentRequest } from './is-idempotent-request.ts';

const post = (body: unknown, headers: Record<string, string> = {}, path = '/graphql') => ({
  method: 'POST',
  path,
  headers,
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});

describe('isIdempotentRequest', () => {
  it('retries GET and HEAD', () => {
    expect(
      isIdempotentRequest({ method: 'GET', path: '/loads', headers: {}, body: Buffer.alloc(0) }),
    ).toBe(true);
    expect(
      isIdempotentRequest({ method: 'HEAD', path: '/', headers: {}, body: Buffer.alloc(0) }),
    ).toBe(true);
  });

  it('retries a GraphQL query and never a mutation', () => {
    expect(isIdempotentRequest(post({ query: '{ hello }' }))).toBe(true);
    expect(isIdempotentRequest(post({ query: 'mutation { book(id: 1) }' }))).toBe(false);
  });

  it('picks the operation by its name when the document holds several', () => {
    const query = 'query Read { a } mutation Write { b }';
    expect(isIdempotentRequest(post({ query, operationName: 'Read' }))).toBe(true);
    expect(isIdempotentRequest(post({ query, operationName: 'Write' }))).toBe(false);
    expect(isIdempotentRequest(post({ query }))).toBe(false);
  });

  it('retries any request that carries an Idempotency-Key', () => {
    expect(
      isIdempotentRequest(post({ query: 'mutation { b }' }, { 'idempotency-key': 'k1' })),
    ).toBe(true);
    expect(isIdempotentRequest(post('{}', { 'idempotency-key': 'k1' }, '/loads'))).toBe(true);
  });

  it('does not retry a POST it cannot read', () => {
    expect(isIdempotentRequest(post('not json'))).toBe(false);
    expect(isIdempotentRequest(post({ query: '{ broken' }))).toBe(false);
    expect(isIdempotentRequest(post({ id: 1 }, {}, '/loads'))).toBe(false);
  });
});
