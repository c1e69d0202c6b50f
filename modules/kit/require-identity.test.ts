import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import { requireIdentity } from './require-identity.ts';

const driver = { sub: 'driver-D1', scopes: ['messages:read'], claims: {} };

describe('requireIdentity', () => {
  it('answers the caller who meets the requirement', () => {
    expect(requireIdentity(driver, 'Reading')).toBe(driver);
    expect(requireIdentity(driver, 'Reading', { scopes: [['dispatch'], ['messages:read']] })).toBe(
      driver,
    );
  });

  it('refuses an anonymous caller with a 401 naming what was refused', () => {
    const refuse = () => requireIdentity(undefined, 'Reading messages');
    expect(refuse).toThrow(UnauthenticatedError);
    expect(refuse).toThrow(/^Reading messages requires a signed-in caller/);
  });

  it('refuses a caller without the scopes with a 403 saying which it lacks', () => {
    const refuse = () =>
      requireIdentity(driver, 'Reading all messages', { scopes: [['dispatch']] });
    expect(refuse).toThrow(ForbiddenError);
    expect(refuse).toThrow('requires the scope dispatch; the token grants messages:read');
  });
});
