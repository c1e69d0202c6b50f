import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type GraphletEvent, type GraphletResult, moduleResources } from '../kit/index.ts';
import { countVotes } from './count-votes.ts';
import { createRatingsGraphlet } from './create-ratings-graphlet.ts';
import { isSqsEvent } from './is-sqs-event.ts';
import manifest from './module.ts';
import type { RatingsStore } from './ratings-store.ts';

// Defaults at the edge: the SDK finds Region, credentials and (locally) endpoints in the
// environment; the kit finds the physical names in TURNOUT_TABLE_* / TURNOUT_QUEUE_*.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
// The votes queue is in the function's own Region: the regional endpoint (or, locally,
// AWS_ENDPOINT_URL_SQS) is right, not the queue URL's host, which the local SQS does not serve.
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const { tables, queues } = moduleResources(manifest, { documents, sqs });
const store: RatingsStore = {
  documents,
  ratingsTable: tables.ratings.name,
  ballotsTable: tables.ballots.name,
};
const graphlet = createRatingsGraphlet({ ...store, sqs, votesQueueUrl: queues.votes.url });

/**
 * The ratings module's one Lambda entry: the gateway invokes it with GraphQL, the votes
 * queue's event source mapping with SQS batches. The event's shape says which.
 */
export async function handler(
  event: GraphletEvent | SQSEvent,
): Promise<GraphletResult | SQSBatchResponse> {
  if (isSqsEvent(event)) return countVotes(event, store);
  return graphlet(event as GraphletEvent);
}
