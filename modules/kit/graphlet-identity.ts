import type { Identity } from '../../contracts/identity.ts';

/**
 * The caller of a graphlet invoke, as the gateway verified it (`context.identity`,
 * docs/ARCHITECTURE.md, contracts 1 and 6); undefined for an anonymous caller. Only the
 * gateway writes the invoke context, so a client cannot choose what this says.
 *
 * @example
 * rateTitle: (_, args, context) => castVote({ ...args, voterId: requireIdentity(graphletIdentity(context), 'Voting').sub })
 */
export function graphletIdentity(
  context: Record<string, unknown> | null | undefined,
): Identity | undefined {
  const identity = context?.identity as Partial<Identity> | undefined;
  if (!identity || typeof identity.sub !== 'string' || identity.sub === '') return undefined;
  return {
    sub: identity.sub,
    scopes: Array.isArray(identity.scopes) ? identity.scopes : [],
    claims: identity.claims ?? {},
  };
}
