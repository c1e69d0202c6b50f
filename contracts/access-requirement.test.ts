import { describe, expect, it } from 'vitest';
import { describeRequirement, judgeAccess, sameRequirement } from './access-requirement.ts';
import { identityOf } from './identity.ts';

const driver = identityOf({ sub: 'driver-D1', scope: 'gatepass:write messages:read' });

describe('judgeAccess', () => {
  it('asks an anonymous caller to sign in, whatever is required', () => {
    expect(judgeAccess(undefined, { authenticated: true })).toBe('unauthenticated');
    expect(judgeAccess(undefined, { scopes: [['x']] })).toBe('unauthenticated');
  });

  it('allows a caller holding every scope of any one set', () => {
    expect(judgeAccess(driver, { authenticated: true })).toBe('allowed');
    expect(
      judgeAccess(driver, { scopes: [['dispatch'], ['gatepass:write', 'messages:read']] }),
    ).toBe('allowed');
  });

  it('forbids a caller missing a scope of every set', () => {
    expect(judgeAccess(driver, { scopes: [['dispatch'], ['gatepass:write', 'loads:write']] })).toBe(
      'forbidden',
    );
  });
});

describe('identityOf', () => {
  it('reads scopes from scope (space-delimited) or scp (a list)', () => {
    expect(identityOf({ sub: 's', scp: ['a', 'b'] }).scopes).toEqual(['a', 'b']);
    expect(identityOf({ sub: 's' }).scopes).toEqual([]);
  });
});

describe('describeRequirement and sameRequirement', () => {
  it('says a requirement in words, and compares scope sets in any order', () => {
    expect(describeRequirement({ scopes: [['a', 'b'], ['c']] })).toBe(
      'the scopes a and b or the scope c',
    );
    expect(sameRequirement({ scopes: [['a', 'b'], ['c']] }, { scopes: [['c'], ['b', 'a']] })).toBe(
      true,
    );
    expect(sameRequirement({ authenticated: true }, undefined)).toBe(false);
  });
});
