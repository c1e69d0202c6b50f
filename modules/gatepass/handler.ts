import {
  createIdempotencyStore,
  createModuleClients,
  createRestHandler,
  moduleResources,
  readKnownIds,
} from '../kit/index.ts';
import { createGatepassApp } from './create-gatepass-app.ts';
import manifest from './module.ts';

// Defaults at the edge: the kit builds the SDK clients from the environment and finds the
// tables' names in TURNOUT_TABLE_PASSES and TURNOUT_TABLE_IDEMPOTENCY.
const { documents } = createModuleClients();
const { tables } = moduleResources(manifest, { documents });

/** The gatepass module's Lambda entry: API Gateway HTTP API v2 events in, v2 results out. */
export const handler = createRestHandler(
  createGatepassApp({
    documents,
    tables: { passes: tables.passes.name },
    clock: Date,
    idempotency: createIdempotencyStore({ documents, tableName: tables.idempotency.name }),
    facilities: readKnownIds(process.env.TURNOUT_FACILITIES),
  }),
);
