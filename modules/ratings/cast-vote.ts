import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { checkVoteInput, type VoteInput } from './check-vote-input.ts';
import { InvalidVoteError } from './errors.ts';
import type { RatingsStore } from './ratings-store.ts';
import type { Vote } from './vote.ts';

export interface CastVoteOptions extends Pick<RatingsStore, 'documents' | 'ratingsTable'> {
  sqs: SQSClient;
  votesQueueUrl: string;
  /** Epoch milliseconds. */
  clock: { now(): number };
  /** @default crypto.randomUUID */
  newVoteId?: () => string;
}

/**
 * Checks a vote and puts it on the votes queue, where `countVotes` picks it up. Nothing
 * is stored here: the queue is the vote's durable record until it is counted, and a
 * vote that fails the checks (`checkVoteInput`, and a title ratings knows) is neither
 * stored nor sent.
 *
 * @example
 * const vote = await castVote({ titleId: 'tt0089374', stars: 9, voterId: 'ur12345678' },
 *   { sqs, votesQueueUrl, clock: Date });
 */
export async function castVote(input: VoteInput, options: CastVoteOptions): Promise<Vote> {
  const { titleId, stars, voterId } = checkVoteInput(input);
  await requireRateableTitle(titleId, options);
  const vote: Vote = {
    voteId: (options.newVoteId ?? randomUUID)(),
    titleId,
    voterId,
    stars,
    castAt: new Date(options.clock.now()).toISOString(),
  };
  await options.sqs.send(
    new SendMessageCommand({ QueueUrl: options.votesQueueUrl, MessageBody: JSON.stringify(vote) }),
  );
  return vote;
}

/**
 * Ratings keeps its own catalogue of the titles it rates: the `ratings` table holds an
 * aggregate for each (seeded for every sample title; a new title's aggregate, 0 votes, is
 * written when the title is added). Why not ask the titles module through the gateway:
 * a vote would then fail whenever titles or the gateway does, cost a second hop, and need
 * the gateway's URL and a caller identity inside this function; one consistent GetItem
 * on its own table is the check the module can always make.
 *
 * @throws InvalidVoteError (BAD_USER_INPUT) for a title ratings does not know
 */
async function requireRateableTitle(
  titleId: string,
  store: Pick<RatingsStore, 'documents' | 'ratingsTable'>,
): Promise<void> {
  const { Item } = await store.documents.send(
    new GetCommand({
      TableName: store.ratingsTable,
      Key: { titleId },
      ProjectionExpression: 'titleId',
      ConsistentRead: true,
    }),
  );
  if (Item) return;
  throw new InvalidVoteError(
    'titleId',
    `"${titleId}" is not a title ratings knows: rate a title that exists, e.g. "tt0089374".`,
  );
}
