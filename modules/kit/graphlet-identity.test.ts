import { describe, expect, it } from 'vitest';
import { graphletIdentity } from './graphlet-identity.ts';

describe('graphletIdentity', () => {
  it('reads the caller from the invoke context the gateway wrote', () => {
    const identity = { sub: 'ur1234567', scopes: ['ratings:write'], claims: { sub: 'ur1234567' } };
    expect(graphletIdentity({ requestId: 'r', identity })).toEqual(identity);
  });

  it('reads no one from a context without an identity or with an empty subject', () => {
    expect(graphletIdentity({ requestId: 'r' })).toBeUndefined();
    expect(graphletIdentity({ identity: { sub: '' } })).toBeUndefined();
    expect(graphletIdentity(undefined)).toBeUndefined();
  });
});
