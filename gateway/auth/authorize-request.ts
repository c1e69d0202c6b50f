import {
  type AccessRequirement,
  describeRequirement,
  judgeAccess,
} from '../../contracts/access-requirement.ts';
import { type AccessError, ForbiddenError, UnauthenticatedError } from './errors.ts';
import type { VerifiedCaller } from './verified-caller.ts';

/**
 * Why the caller may not make a request, or undefined when it may: what the route's
 * access rule requires (compileAccessRules) judged against the verified caller.
 *
 * @example
 * const refusal = authorizeRequest(requirementOf('POST', path), caller, 'POST /gatepass');
 */
export function authorizeRequest(
  requirement: AccessRequirement | undefined,
  caller: VerifiedCaller | undefined,
  what: string,
): AccessError | undefined {
  if (!requirement) return undefined;
  const identity = caller?.identity;
  const verdict = judgeAccess(identity, requirement);
  if (verdict === 'allowed') return undefined;
  if (verdict === 'unauthenticated') return new UnauthenticatedError(what);
  return new ForbiddenError(what, describeRequirement(requirement), identity?.scopes ?? []);
}
