import {
  type AccessRequirement,
  describeRequirement,
  judgeAccess,
} from '../../contracts/access-requirement.ts';
import type { Identity } from '../../contracts/identity.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';

/**
 * The caller, when it meets what is required (by default, only to be signed in).
 * Throws UnauthenticatedError (401) for an anonymous caller and ForbiddenError (403)
 * for one without the scopes, each naming `what` was refused.
 *
 * @example
 * const caller = requireIdentity(restIdentity(c), 'Reading all drivers’ messages', { scopes: [['dispatch']] });
 */
export function requireIdentity(
  identity: Identity | undefined,
  what: string,
  requirement: AccessRequirement = { authenticated: true },
): Identity {
  const verdict = judgeAccess(identity, requirement);
  if (verdict === 'unauthenticated' || !identity) throw new UnauthenticatedError(what);
  if (verdict === 'forbidden') {
    throw new ForbiddenError(
      `${what} requires ${describeRequirement(requirement)}; the token grants ${identity.scopes.join(' ') || 'no scopes'}.`,
    );
  }
  return identity;
}

/** Whether the caller's token grants the scope. */
export function hasScope(identity: Identity | undefined, scope: string): boolean {
  return identity?.scopes.includes(scope) ?? false;
}
