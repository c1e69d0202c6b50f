import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { seedNavigate } from './seed-navigate.ts';

export { NAVIGATE_SEED_ITEMS, SEED_FACILITIES, SEED_ROADS } from './seed-graph.ts';
export { seedNavigate } from './seed-navigate.ts';

/**
 * What `turnout dev` runs at start (infra/dev/seed-module.ts): loads the seed facility
 * graph into the module's `graph` table.
 */
export default async function seed(input: {
  documents: DynamoDBDocumentClient;
  tables: Record<string, string>;
}): Promise<void> {
  const graph = input.tables.graph;
  if (!graph) throw new Error('The navigate seed needs the physical name of the "graph" table.');
  await seedNavigate(input.documents, graph);
}
