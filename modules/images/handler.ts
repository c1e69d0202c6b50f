import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { moduleResources } from '../kit/index.ts';
import { createImagesGraphlet } from './create-images-graphlet.ts';
import manifest from './module.ts';

// Defaults at the edge: the SDK finds Region, credentials and (locally) endpoints in the
// environment; the kit finds the table's name in TURNOUT_TABLE_IMAGES.
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const { tables } = moduleResources(manifest, { documents });

/** The images graphlet's Lambda entry: `{ query, variables, ... }` in, `{ data, errors }` out. */
export const handler = createImagesGraphlet({ documents, imagesTable: tables.images.name });
