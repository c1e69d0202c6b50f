import { describeRequirement, judgeAccess } from '../../contracts/access-requirement.ts';
import type { Identity } from '../../contracts/identity.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import type { RequiredField } from './find-operation-requirements.ts';

/** Why the gateway refuses an operation: one error per refused field, and the answer's status. */
export interface OperationRefusal {
  statusCode: 401 | 403;
  challenge: string;
  errors: { message: string; extensions: { code: string; coordinate: string } }[];
}

/**
 * Judges the caller against what an operation's fields require. The whole operation is
 * refused when any field is (docs/ARCHITECTURE.md, contract 8): no module runs, so a
 * mutation is never half applied and nothing is stored, and the answer names every
 * refused field. 401 when the caller is anonymous, 403 when its token lacks a scope.
 *
 * @example
 * const refusal = judgeOperation(caller?.identity, prepared.access?.get(operationName));
 */
export function judgeOperation(
  identity: Identity | undefined,
  required: readonly RequiredField[] | undefined,
): OperationRefusal | undefined {
  if (!required) return undefined;
  const refused = required.flatMap(({ coordinate, requirement }) => {
    const verdict = judgeAccess(identity, requirement);
    if (verdict === 'allowed') return [];
    const what = `The field ${coordinate}`;
    const needed = describeRequirement(requirement);
    const error =
      verdict === 'unauthenticated'
        ? new UnauthenticatedError(what)
        : new ForbiddenError(what, needed, identity?.scopes ?? []);
    return [{ coordinate, error }];
  });
  const first = refused[0];
  if (!first) return undefined;
  return {
    statusCode: identity ? 403 : 401,
    challenge: first.error.challenge,
    errors: refused.map(({ coordinate, error }) => ({
      message: error.message,
      extensions: { code: error.code, coordinate },
    })),
  };
}
