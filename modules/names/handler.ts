import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { moduleResources } from '../kit/index.ts';
import { createNamesGraphlet } from './create-names-graphlet.ts';
import manifest from './module.ts';

// Defaults at the edge: the SDK finds Region, credentials and (locally) endpoints in the
// environment; the kit finds the table's name in TURNOUT_TABLE_PEOPLE.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const { tables } = moduleResources(manifest, { documents });

/** The names graphlet's Lambda entry: `{ query, variables, ... }` in, `{ data, errors }` out. */
export const handler = createNamesGraphlet({ documents, peopleTable: tables.people.name });
