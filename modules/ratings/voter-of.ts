import { ForbiddenError, type Identity } from '../kit/index.ts';
import { VOTER_ID } from './vote.ts';

/** Voting takes the scope voters' tokens carry. */
export const VOTE_SCOPES = [['ratings:write']];

/**
 * Who a vote counts for: the signed-in caller, never a voter the client names. A
 * `voterId` argument (deprecated) is refused unless it is the caller's own subject, and
 * a caller whose subject is not a voter id (`ur` and 7 to 9 digits) does not vote.
 */
export function voterOf(caller: Identity, voterId: string | null | undefined): string {
  if (voterId != null && voterId !== caller.sub) {
    throw new ForbiddenError(
      `You vote as yourself (${caller.sub}), not as ${voterId}: leave voterId out.`,
    );
  }
  if (!VOTER_ID.test(caller.sub)) {
    throw new ForbiddenError(
      `Only voters vote: the token's subject "${caller.sub}" is not a voter id ("ur" followed by 7 to 9 digits).`,
    );
  }
  return caller.sub;
}
