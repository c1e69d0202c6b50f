import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where the ratings module keeps its data: the physical names of its two tables. */
export interface RatingsStore {
  documents: DynamoDBDocumentClient;
  ratingsTable: string;
  ballotsTable: string;
}
