import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  createGraphletHandler,
  type GraphletHandler,
  graphletIdentity,
  type IdempotencyStore,
  idempotentResolver,
  requireIdentity,
  resolveByKeys,
} from '../kit/index.ts';
import { castVote } from './cast-vote.ts';
import { loadRatings } from './load-ratings.ts';
import { RATINGS_SDL } from './module.ts';
import type { RatingsStore } from './ratings-store.ts';
import { TITLE_ID, type Vote } from './vote.ts';
import { VOTE_SCOPES, voterOf } from './voter-of.ts';

export interface RatingsGraphletOptions extends Pick<RatingsStore, 'documents' | 'ratingsTable'> {
  sqs: SQSClient;
  votesQueueUrl: string;
  /** Epoch milliseconds. @default Date */
  clock?: { now(): number };
  /** @default crypto.randomUUID */
  newVoteId?: () => string;
  /** Makes rateTitle idempotent per Idempotency-Key; without it every vote is queued. */
  idempotency?: IdempotencyStore;
}

interface RateTitleArgs {
  titleId: string;
  stars: number;
  voterId?: string | null;
}

/**
 * The ratings graphlet: `Title.rating` through `_titles(ids)` (one BatchGetItem per
 * merge level), and `rateTitle`, which queues the caller's vote for `countVotes`: the
 * voter is the verified caller the gateway names in `context.identity`.
 *
 * @example
 * const graphlet = createRatingsGraphlet({ documents, sqs, ratingsTable, votesQueueUrl });
 * await graphlet({ query: 'mutation { rateTitle(titleId: "tt0089374", stars: 9) { id } }', context: { identity } });
 */
export function createRatingsGraphlet(options: RatingsGraphletOptions): GraphletHandler {
  const clock = options.clock ?? Date;
  const rateTitle = (_: unknown, args: RateTitleArgs, context: Record<string, unknown>) => {
    const caller = requireIdentity(graphletIdentity(context), 'Voting', { scopes: VOTE_SCOPES });
    const { titleId, stars } = args;
    return castVote(
      { titleId, stars, voterId: voterOf(caller, args.voterId) },
      {
        documents: options.documents,
        ratingsTable: options.ratingsTable,
        sqs: options.sqs,
        votesQueueUrl: options.votesQueueUrl,
        clock,
        newVoteId: options.newVoteId,
      },
    );
  };
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
        rateTitle: options.idempotency
          ? idempotentResolver(options.idempotency, rateTitle)
          : rateTitle,
      },
      Vote: { id: (vote: Vote) => vote.voteId },
    },
  });
}
