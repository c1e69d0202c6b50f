import { InvalidVoteError } from './errors.ts';
import { TITLE_ID, VOTER_ID } from './vote.ts';

export interface VoteInput {
  titleId: string;
  stars: number;
  voterId: string;
}

/**
 * The `rateTitle` arguments when all are well formed, else an `InvalidVoteError`
 * (BAD_USER_INPUT) naming the first wrong one and what a right one looks like.
 */
export function checkVoteInput(input: VoteInput): VoteInput {
  if (!TITLE_ID.test(input.titleId)) {
    throw new InvalidVoteError(
      'titleId',
      `"${input.titleId}" is not a title id: a title id is "tt" followed by 7 or 8 digits, e.g. "tt0089374".`,
    );
  }
  if (!VOTER_ID.test(input.voterId)) {
    throw new InvalidVoteError(
      'voterId',
      `"${input.voterId}" is not a voter id: a voter id is "ur" followed by 7 to 9 digits, e.g. "ur12345678".`,
    );
  }
  if (!Number.isInteger(input.stars) || input.stars < 1 || input.stars > 10) {
    throw new InvalidVoteError(
      'stars',
      `"stars" is ${input.stars}: rate with a whole number of stars from 1 to 10.`,
    );
  }
  return input;
}
