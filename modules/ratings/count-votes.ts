import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { applyVote } from './apply-vote.ts';
import { MalformedVoteMessageError } from './errors.ts';
import type { RatingsStore } from './ratings-store.ts';
import { type Vote, voteSchema } from './vote.ts';

/**
 * The votes queue's consumer: counts each vote in its title's aggregate, once. A record
 * that fails (a poison message, or DynamoDB refusing) is reported in
 * `batchItemFailures`, so SQS retries only that one and moves it to the dead-letter
 * queue after its receive limit, while the rest of the batch is done.
 */
export async function countVotes(event: SQSEvent, store: RatingsStore): Promise<SQSBatchResponse> {
  const results = await Promise.allSettled(
    event.Records.map(async (record) => applyVote(parseVote(record), store)),
  );
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') return;
    const record = event.Records[index] as SQSRecord;
    // why: a poison message needs its id and reason, not a stack, in each of its retries
    const reason =
      result.reason instanceof MalformedVoteMessageError ? result.reason.message : result.reason;
    console.error('A vote was not counted', { messageId: record.messageId }, reason);
    batchItemFailures.push({ itemIdentifier: record.messageId });
  });
  return { batchItemFailures };
}

function parseVote(record: SQSRecord): Vote {
  try {
    return voteSchema.parse(JSON.parse(record.body));
  } catch (error) {
    throw new MalformedVoteMessageError(
      `Queue message ${record.messageId} is not a vote: expected JSON { voteId, titleId, voterId, stars, castAt }.`,
      { cause: error },
    );
  }
}
