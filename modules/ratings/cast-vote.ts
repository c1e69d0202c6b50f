import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { checkVoteInput, type VoteInput } from './check-vote-input.ts';
import type { Vote } from './vote.ts';

export interface CastVoteOptions {
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
 * vote that fails the checks is neither stored nor sent.
 *
 * @example
 * const vote = await castVote({ titleId: 'tt0089374', stars: 9, voterId: 'ur12345678' },
 *   { sqs, votesQueueUrl, clock: Date });
 */
export async function castVote(input: VoteInput, options: CastVoteOptions): Promise<Vote> {
  const { titleId, stars, voterId } = checkVoteInput(input);
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
