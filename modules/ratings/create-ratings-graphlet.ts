import type { SQSClient } from '@aws-sdk/client-sqs';
import { createGraphletHandler, type GraphletHandler, resolveByKeys } from '../kit/index.ts';
import { castVote } from './cast-vote.ts';
import type { VoteInput } from './check-vote-input.ts';
import { loadRatings } from './load-ratings.ts';
import { RATINGS_SDL } from './module.ts';
import type { RatingsStore } from './ratings-store.ts';
import { TITLE_ID, type Vote } from './vote.ts';

export interface RatingsGraphletOptions extends Pick<RatingsStore, 'documents' | 'ratingsTable'> {
  sqs: SQSClient;
  votesQueueUrl: string;
  /** Epoch milliseconds. @default Date */
  clock?: { now(): number };
  /** @default crypto.randomUUID */
  newVoteId?: () => string;
}

/**
 * The ratings graphlet: `Title.rating` through `_titles(ids)` (one BatchGetItem per
 * merge level), and `rateTitle`, which queues the vote for `countVotes`.
 *
 * @example
 * const graphlet = createRatingsGraphlet({ documents, sqs, ratingsTable, votesQueueUrl });
 * await graphlet({ query: 'mutation { rateTitle(titleId: "tt0089374", stars: 9, voterId: "ur12345678") { id } }' });
 */
export function createRatingsGraphlet(options: RatingsGraphletOptions): GraphletHandler {
  const clock = options.clock ?? Date;
  return createGraphletHandler({
    sdl: RATINGS_SDL,
    resolvers: {
      Query: {
        // why: a stub with a malformed id names no title; it answers null, not an error
        _titles: resolveByKeys((ids) =>
          loadRatings(
            ids.filter((id) => TITLE_ID.test(id)),
            options,
          ),
        ),
      },
      Mutation: {
        rateTitle: (_: unknown, args: VoteInput) =>
          castVote(args, {
            sqs: options.sqs,
            votesQueueUrl: options.votesQueueUrl,
            clock,
            newVoteId: options.newVoteId,
          }),
      },
      Vote: { id: (vote: Vote) => vote.voteId },
    },
  });
}
