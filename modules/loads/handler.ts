import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRestHandler, moduleResources } from '../kit/index.ts';
import { createLoadsApp } from './create-loads-app.ts';
import manifest from './module.ts';

// Defaults at the edge: the SDK finds Region, credentials and (locally) endpoints in
// the environment; the kit finds the table's name in TURNOUT_TABLE_LOADS.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const { tables } = moduleResources(manifest, { documents });

/** The loads module's Lambda entry: API Gateway HTTP API v2 events in, v2 results out. */
export const handler = createRestHandler(
  createLoadsApp({ documents, tables: { loads: tables.loads.name }, clock: Date }),
);
