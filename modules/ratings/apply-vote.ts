import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { RatingsStore } from './ratings-store.ts';
import type { Ballot, Vote } from './vote.ts';

/** What became of one vote. */
export type VoteOutcome =
  /** The voter's first vote on the title: one more vote, its stars added. */
  | 'counted'
  /** A later vote of the same voter: the count stays, the stars change by the difference. */
  | 'changed'
  /** This very vote was counted before (SQS delivers at least once): nothing changes. */
  | 'duplicate'
  /** The voter voted again since (the queue does not keep order): the newer vote stays. */
  | 'superseded';

/** Another delivery may change the ballot between our read and our write; then read again. */
const MAX_ATTEMPTS = 5;

/**
 * Counts a vote in the title's aggregate, exactly once. The ballot (one per voter and
 * title) and the aggregate change in one transaction whose condition is the ballot as
 * read, so a re-delivered vote finds its own id on the ballot and changes nothing, and
 * two deliveries racing cannot both count.
 */
export async function applyVote(vote: Vote, store: RatingsStore): Promise<VoteOutcome> {
  for (let attempt = 1; ; attempt++) {
    const ballot = await readBallot(vote, store);
    if (ballot?.voteId === vote.voteId) return 'duplicate';
    if (ballot && !isNewer(vote, ballot)) return 'superseded';
    try {
      await writeVote(vote, ballot, store);
      return ballot ? 'changed' : 'counted';
    } catch (error) {
      if (!isConditionFailure(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function readBallot(vote: Vote, store: RatingsStore): Promise<Ballot | undefined> {
  const output = await store.documents.send(
    new GetCommand({
      TableName: store.ballotsTable,
      Key: { titleId: vote.titleId, voterId: vote.voterId },
      ConsistentRead: true,
    }),
  );
  return output.Item as Ballot | undefined;
}

/** Later cast time wins; the vote id breaks a tie, so every delivery agrees. */
function isNewer(vote: Vote, ballot: Ballot): boolean {
  if (vote.castAt !== ballot.castAt) return vote.castAt > ballot.castAt;
  return vote.voteId > ballot.voteId;
}

function writeVote(vote: Vote, ballot: Ballot | undefined, store: RatingsStore) {
  const ballotWrite = ballot
    ? {
        Put: {
          TableName: store.ballotsTable,
          Item: vote,
          ConditionExpression: 'voteId = :seen',
          ExpressionAttributeValues: { ':seen': ballot.voteId },
        },
      }
    : {
        Put: {
          TableName: store.ballotsTable,
          Item: vote,
          ConditionExpression: 'attribute_not_exists(voterId)',
        },
      };
  const aggregateWrite = {
    Update: {
      TableName: store.ratingsTable,
      Key: { titleId: vote.titleId },
      UpdateExpression: 'ADD votes :votes, starsTotal :stars',
      ExpressionAttributeValues: {
        ':votes': ballot ? 0 : 1,
        ':stars': vote.stars - (ballot?.stars ?? 0),
      },
    },
  };
  return store.documents.send(
    new TransactWriteCommand({ TransactItems: [ballotWrite, aggregateWrite] }),
  );
}

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}
