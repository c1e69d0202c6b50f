import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import {
  createIdempotencyStore,
  createModuleClients,
  type GraphletEvent,
  type GraphletResult,
  isSqsEvent,
  moduleResources,
} from '../kit/index.ts';
import { countVotes } from './count-votes.ts';
import { createRatingsGraphlet } from './create-ratings-graphlet.ts';
import manifest from './module.ts';
import type { RatingsStore } from './ratings-store.ts';

// Defaults at the edge: the kit builds the SDK clients from the environment and finds the
// physical names in TURNOUT_TABLE_* / TURNOUT_QUEUE_*.
const { documents, sqs } = createModuleClients();
const { tables, queues } = moduleResources(manifest, { documents, sqs });
const store: RatingsStore = {
  documents,
  ratingsTable: tables.ratings.name,
  ballotsTable: tables.ballots.name,
};
const graphlet = createRatingsGraphlet({
  ...store,
  sqs,
  votesQueueUrl: queues.votes.url,
  idempotency: createIdempotencyStore({ documents, tableName: tables.idempotency.name }),
});

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
